package org.replkit.conformance.http;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.IntStream;
import org.replkit.conformance.model.Exchange;

/**
 * Sends requests exactly as given (no charset appended, no redirect followed, no retry) with the
 * JDK's HttpClient, a lean client like the sender's own (pg_net on libcurl), so that what is timed is
 * the receiver and not the client. Every exchange is recorded, secrets redacted, including the ones
 * that got no answer; the run's {@link Gate} sees each one.
 */
public final class Http {

    /** The error text of an exchange that got no answer within the client's wait. */
    public static final String NO_ANSWER_IN_TIME = "no answer within the kit's wait";

    /** Bodies over 1 MiB go out announced with Expect: 100-continue, as curl (and so pg_net) sends them. */
    private static final int EXPECT_CONTINUE_ABOVE = 1024 * 1024;

    private final HttpClient client;
    private final ExchangeLog log;
    private final Duration answerTimeout;
    private final Gate gate;
    private final Redactor redactor;

    /**
     * @param answerTimeout how long to wait for an answer before giving up (a little over the
     *                      sender's timeout, so that a late answer is measured rather than cut)
     */
    public Http(HttpClient client, ExchangeLog log, Duration answerTimeout, Gate gate, Redactor redactor) {
        this.client = client;
        this.log = log;
        this.answerTimeout = answerTimeout;
        this.gate = gate;
        this.redactor = redactor;
    }

    /** A client for one run: HTTP/1.1, no redirects, connections kept between requests. */
    public static HttpClient newClient() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    public ExchangeLog log() {
        return log;
    }

    public Answer post(URI url, byte[] body, String contentType, Map<String, String> headers) {
        return burst(url, List.of(body), contentType, List.of(headers)).get(0);
    }

    public Answer get(URI url, Map<String, String> headers) {
        gate.beforeSend();
        Answer a = sendAsync("GET", url, null, null, headers).join();
        gate.afterAnswer(a.exchange());
        return a;
    }

    /**
     * Sends n POSTs at once and measures each answer's time, as a tick of the sender does.
     *
     * @param headers the headers of each body, in the same order
     */
    public List<Answer> burst(URI url, List<byte[]> bodies, String contentType, List<Map<String, String>> headers) {
        gate.beforeSend();
        List<CompletableFuture<Answer>> pending = IntStream.range(0, bodies.size())
                .mapToObj(i -> sendAsync("POST", url, bodies.get(i), contentType, headers.get(i))).toList();
        List<Answer> answers = pending.stream().map(CompletableFuture::join).toList();
        answers.forEach(a -> gate.afterAnswer(a.exchange()));
        return answers;
    }

    private CompletableFuture<Answer> sendAsync(String method, URI url, byte[] body, String contentType,
                                                Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(url).timeout(answerTimeout);
        Map<String, String> shown = new LinkedHashMap<>();
        if (contentType != null) {
            b.header("Content-Type", contentType);
            shown.put("Content-Type", contentType);
        }
        headers.forEach(b::header);
        shown.putAll(headers);
        Map<String, String> requestHeaders = redactor.redact(shown);
        byte[] requestBody = body == null ? null : redactBody(body);
        if (body != null && body.length > EXPECT_CONTINUE_ABOVE) {
            return CompletableFuture.completedFuture(large(url, body, shown, requestHeaders, requestBody));
        }
        if (body == null) {
            b.GET();
        } else {
            b.POST(HttpRequest.BodyPublishers.ofByteArray(body));
        }
        long start = System.nanoTime();
        // The request timeout bounds the wait for the answer; the extra bound keeps a stuck exchange
        // from ever stopping the run.
        return client.sendAsync(b.build(), HttpResponse.BodyHandlers.ofByteArray())
                .orTimeout(answerTimeout.toMillis() + 5_000, java.util.concurrent.TimeUnit.MILLISECONDS)
                .handle((r, ex) -> {
            long millis = (System.nanoTime() - start) / 1_000_000;
            Exchange e;
            String text = null;
            if (ex != null) {
                Throwable cause = ex instanceof CompletionException && ex.getCause() != null ? ex.getCause() : ex;
                boolean timedOut = cause instanceof java.util.concurrent.TimeoutException
                        || cause instanceof HttpTimeoutException && !(cause instanceof java.net.http.HttpConnectTimeoutException);
                e = unanswered(method, url, requestHeaders, requestBody, millis, timedOut ? NO_ANSWER_IN_TIME : describe(cause), timedOut);
            } else {
                text = new String(r.body(), StandardCharsets.UTF_8);
                Map<String, String> rh = new LinkedHashMap<>();
                r.headers().map().forEach((k, v) -> {
                    if (!k.startsWith(":")) {
                        rh.put(k, redactor.redact(String.join(", ", v)));
                    }
                });
                text = redactor.redact(text);
                e = new Exchange(method, url.toString(), requestHeaders, requestBody, r.statusCode(), rh, text, millis,
                        null, false);
            }
            log.add(e);
            return new Answer(e, text);
        });
    }

    /** A body over 1 MiB, announced with Expect: 100-continue as curl sends it (see {@link ExpectContinue}). */
    private Answer large(URI url, byte[] body, Map<String, String> headers, Map<String, String> requestHeaders,
                         byte[] requestBody) {
        long start = System.nanoTime();
        Exchange e;
        String text = null;
        try {
            ExpectContinue.Response r = ExpectContinue.post(url, body, headers, answerTimeout);
            long millis = (System.nanoTime() - start) / 1_000_000;
            text = redactor.redact(new String(r.body(), StandardCharsets.UTF_8));
            e = new Exchange("POST", url.toString(), requestHeaders, requestBody, r.status(), redactor.redact(r.headers()),
                    text, millis, null, false);
        } catch (IOException ex) {
            boolean timedOut = ex instanceof java.net.SocketTimeoutException;
            e = unanswered("POST", url, requestHeaders, requestBody, (System.nanoTime() - start) / 1_000_000,
                    timedOut ? NO_ANSWER_IN_TIME : describe(ex), timedOut);
        }
        log.add(e);
        return new Answer(e, text);
    }

    private static Exchange unanswered(String method, URI url, Map<String, String> requestHeaders, byte[] requestBody, long millis,
                                       String error, boolean timedOut) {
        return new Exchange(method, url.toString(), requestHeaders, requestBody, null, null, null, millis, error, timedOut);
    }

    private byte[] redactBody(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        String redacted = redactor.redact(text);
        return redacted.equals(text) ? body : redacted.getBytes(StandardCharsets.UTF_8);
    }

    private static String describe(Throwable ex) {
        Throwable root = ex;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root instanceof ConnectException) {
            return "connection refused";
        }
        String msg = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        String lower = msg.toLowerCase(Locale.ROOT);
        if (lower.contains("reset")) {
            return "connection reset";
        }
        if (root instanceof IOException && (lower.contains("closed") || lower.contains("eof"))) {
            return "connection closed without an answer";
        }
        return msg;
    }
}
