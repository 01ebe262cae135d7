package org.replkit.load;

import org.replkit.spec.SyncHeaders;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.replkit.receivers.record.RecordKind;

/**
 * Valid deliveries sent before the measured run, outside Gatling's statistics: a receiver in
 * production has long been running, so the JIT's first compilations should not count as its
 * latency. Also the first proof that the target answers at all.
 */
public final class Warmup {

    private static final int CONCURRENCY = 8;

    private Warmup() {
    }

    /**
     * Sends {@code deliveries} valid records to each endpoint of {@code baseUrl}; every one must be
     * acknowledged or shed (429 or 503 with Retry-After).
     */
    public static void run(String baseUrl, int deliveries) {
        if (deliveries == 0) {
            return;
        }
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        for (RecordKind kind : RecordKind.values()) {
            RecordFeeder records = new RecordFeeder(kind, 1);
            for (int sent = 0; sent < deliveries; sent += CONCURRENCY) {
                List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
                for (int i = 0; i < Math.min(CONCURRENCY, deliveries - sent); i++) {
                    inFlight.add(client.sendAsync(request(baseUrl, kind, records.next()), HttpResponse.BodyHandlers.ofString()));
                }
                for (CompletableFuture<HttpResponse<String>> f : inFlight) {
                    HttpResponse<String> response = await(f, baseUrl + kind.path());
                    boolean shed = Shedding.isShed(response.statusCode(), response.headers().firstValue(Shedding.RETRY_AFTER).orElse(null));
                    if (response.statusCode() != 200 && !shed) {
                        throw new IllegalStateException("warm-up: " + baseUrl + kind.path() + " answered a valid record with "
                                + response.statusCode() + ": " + abbreviate(response.body()));
                    }
                }
            }
        }
    }

    private static HttpRequest request(String baseUrl, RecordKind kind, ObjectNode record) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + kind.path()))
                .timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json")
                .header(SyncHeaders.EVENT_TYPE, "INSERT")
                .header(SyncHeaders.TABLE, kind.table())
                .header(SyncHeaders.RECORD_ID, record.get("id").asText())
                .POST(HttpRequest.BodyPublishers.ofString(record.toString()));
        byte[] bytes = record.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        DeliverySigning.signer().ifPresent(signer -> {   // signed like the measured deliveries, when the run signs
            String id = "msg_load_warmup_" + record.get("id").asText();
            long now = java.time.Instant.now().getEpochSecond();
            b.header(org.replkit.spec.WebhookSignature.ID, id)
                    .header(org.replkit.spec.WebhookSignature.TIMESTAMP, String.valueOf(now))
                    .header(org.replkit.spec.WebhookSignature.SIGNATURE, signer.sign(id, now, bytes));
        });
        return b.build();
    }

    private static HttpResponse<String> await(CompletableFuture<HttpResponse<String>> f, String url) {
        try {
            return f.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ConnectException) {
                throw new IllegalStateException("warm-up: nothing answers at " + url + " (connection refused)");
            }
            if (cause instanceof IOException) {
                throw new IllegalStateException("warm-up: " + url + " failed: " + cause.getMessage());
            }
            throw e;
        }
    }

    private static String abbreviate(String body) {
        return body.length() <= 200 ? body : body.substring(0, 200) + "...";
    }
}
