package org.replkit.conformance.http;

import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.http.ContentType;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RedirectConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.replkit.conformance.model.Exchange;

/**
 * Sends requests with REST-assured exactly as given (no charset appended, no redirects followed)
 * and records every exchange, including the ones that got no answer.
 */
public final class Http {

    private final ExchangeLog log;
    private final Duration answerTimeout;
    private final RestAssuredConfig config;
    private final RestAssuredConfig expectContinueConfig;
    private java.net.http.HttpClient burstClient;

    /**
     * @param answerTimeout how long to wait for an answer before giving up (a little over the
     *                      sender's timeout, so that a late answer is measured rather than cut)
     */
    public Http(ExchangeLog log, Duration answerTimeout) {
        this.log = log;
        this.answerTimeout = answerTimeout;
        // One client per check keeps connections alive between its sequential requests.
        HttpClientConfig client = HttpClientConfig.httpClientConfig()
                .setParam("http.connection.timeout", 5_000)
                .setParam("http.socket.timeout", (int) answerTimeout.toMillis())
                .reuseHttpClientInstance();
        RestAssuredConfig base = RestAssuredConfig.config()
                .encoderConfig(EncoderConfig.encoderConfig()
                        .appendDefaultContentCharsetToContentTypeIfUndefined(false)
                        // Bodies are bytes as given, whatever the content type claims (form data included).
                        .encodeContentTypeAs("application/x-www-form-urlencoded", ContentType.BINARY))
                .redirect(RedirectConfig.redirectConfig().followRedirects(false));
        this.config = base.httpClient(client);
        // Large bodies go out like curl (and so pg_net) sends them: announced with Expect: 100-continue,
        // which lets a receiver refuse them before they are uploaded.
        this.expectContinueConfig = base.httpClient(client.setParam("http.protocol.expect-continue", true));
    }

    public ExchangeLog log() {
        return log;
    }

    public Answer post(URI url, byte[] body, String contentType, Map<String, String> headers) {
        RequestSpecification spec = RestAssured.given()
                .config(body.length > 1024 * 1024 ? expectContinueConfig : config)
                .headers(headers)
                .body(body);
        if (contentType != null) {
            spec.contentType(contentType);
        }
        Map<String, String> shown = new LinkedHashMap<>();
        if (contentType != null) {
            shown.put("Content-Type", contentType);
        }
        shown.putAll(headers);
        return send("POST", url, spec, shown, new String(body, StandardCharsets.UTF_8));
    }

    public Answer get(URI url, Map<String, String> headers) {
        RequestSpecification spec = RestAssured.given().config(config).headers(headers);
        return send("GET", url, spec, new LinkedHashMap<>(headers), null);
    }

    /**
     * Sends n POSTs at once and measures each answer's time. Timing a burst needs a lean client:
     * REST-assured builds each request with much per-thread work, which on a small machine would be
     * measured as the receiver's slowness; the sender itself (pg_net, libcurl) is a lean async client.
     * So the burst goes out through the JDK's HttpClient, recorded like every other exchange. One
     * such client serves every burst of this check, so a warm-up burst leaves it (and its
     * connections) warm for the timed one.
     *
     * @param headers the headers of each body, in the same order
     */
    public List<Answer> burst(URI url, List<byte[]> bodies, String contentType, List<Map<String, String>> headers) {
        java.net.http.HttpClient client = burstClient();
        List<java.util.concurrent.CompletableFuture<Answer>> pending = new java.util.ArrayList<>();
        for (int i = 0; i < bodies.size(); i++) {
            byte[] body = bodies.get(i);
            Map<String, String> bodyHeaders = headers.get(i);
            java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder(url)
                    .timeout(answerTimeout)
                    .header("Content-Type", contentType)
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body));
            bodyHeaders.forEach(b::header);
            Map<String, String> shown = new LinkedHashMap<>();
            shown.put("Content-Type", contentType);
            shown.putAll(bodyHeaders);
            shown.computeIfPresent("Authorization", (k, v) -> maskToken(v));
            String requestBody = new String(body, StandardCharsets.UTF_8);
            long start = System.nanoTime();
            pending.add(client.sendAsync(b.build(), java.net.http.HttpResponse.BodyHandlers.ofString())
                    .handle((r, ex) -> {
                        long millis = (System.nanoTime() - start) / 1_000_000;
                        Exchange e;
                        if (ex != null) {
                            e = new Exchange("POST", url.toString(), shown, Exchange.clip(requestBody), null, null, null,
                                    millis, describe(ex));
                        } else {
                            Map<String, String> rh = new LinkedHashMap<>();
                            r.headers().map().forEach((k, v) -> rh.put(k, String.join(", ", v)));
                            e = new Exchange("POST", url.toString(), shown, Exchange.clip(requestBody), r.statusCode(), rh,
                                    Exchange.clip(r.body()), millis, null);
                        }
                        log.add(e);
                        return new Answer(e, ex == null ? r.body() : null);
                    }));
        }
        return pending.stream().map(java.util.concurrent.CompletableFuture::join).toList();
    }

    private synchronized java.net.http.HttpClient burstClient() {
        if (burstClient == null) {
            burstClient = java.net.http.HttpClient.newBuilder()
                    .version(java.net.http.HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
        }
        return burstClient;
    }

    private Answer send(String method, URI url, RequestSpecification spec, Map<String, String> shownHeaders,
                        String requestBody) {
        shownHeaders.computeIfPresent("Authorization", (k, v) -> maskToken(v));
        long start = System.nanoTime();
        try {
            Response r = method.equals("GET") ? spec.get(url) : spec.post(url);
            byte[] raw = r.asByteArray();
            long millis = (System.nanoTime() - start) / 1_000_000;
            String body = new String(raw, StandardCharsets.UTF_8);
            Map<String, String> responseHeaders = new LinkedHashMap<>();
            r.getHeaders().forEach(h -> responseHeaders.merge(h.getName(), h.getValue(), (a, b) -> a + ", " + b));
            Exchange e = new Exchange(method, url.toString(), shownHeaders, Exchange.clip(requestBody),
                    r.getStatusCode(), responseHeaders, Exchange.clip(body), millis, null);
            log.add(e);
            return new Answer(e, body);
        } catch (Exception ex) {
            long millis = (System.nanoTime() - start) / 1_000_000;
            Exchange e = new Exchange(method, url.toString(), shownHeaders, Exchange.clip(requestBody),
                    null, null, null, millis, describe(ex));
            log.add(e);
            return new Answer(e, null);
        }
    }

    private static String describe(Throwable ex) {
        Throwable root = ex;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root instanceof SocketTimeoutException) {
            return "no answer within the client's timeout";
        }
        String msg = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return msg.toLowerCase(Locale.ROOT).contains("reset") ? "connection reset" : msg;
    }

    /** Keeps the scheme and hides the secret: "Bearer ****" (or "Bearer wrong-…" for the kit's own wrong tokens). */
    private static String maskToken(String value) {
        int space = value.indexOf(' ');
        String scheme = space < 0 ? value : value.substring(0, space);
        String secret = space < 0 ? "" : value.substring(space + 1);
        return secret.startsWith("kit-wrong-") ? value : scheme + " ****";
    }
}
