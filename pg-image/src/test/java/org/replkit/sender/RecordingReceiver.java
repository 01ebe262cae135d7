package org.replkit.sender;

import io.javalin.Javalin;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A test receiver on 127.0.0.1: records every POST (arrival time, path, headers, body) and answers from
 * a script (status codes, optional delays), then 200 once the script is used up; or, once told to
 * {@link #hang()}, accepts and records every request and never answers.
 */
final class RecordingReceiver implements AutoCloseable {

    /** One request as it arrived. */
    record Received(Instant at, String path, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase());
        }
    }

    private record Reply(int status, Duration delay, java.util.function.Supplier<Map<String, String>> headers) {
        Reply(int status, Duration delay) {
            this(status, delay, Map::of);
        }
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Deque<Reply> script = new ArrayDeque<>();
    /** Record ids (X-Sync-Record-Id) answered always with this status, before the script. */
    private final Map<String, Integer> poisoned = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile Reply always;
    private volatile boolean hanging;
    /** Lets the hung handlers go when the receiver closes, so no thread outlives the test. */
    private final java.util.concurrent.CountDownLatch released = new java.util.concurrent.CountDownLatch(1);
    private volatile int port;
    private Javalin app;

    RecordingReceiver() {
        start(0);
    }

    private void start(int onPort) {
        app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.routes.post("/sync/{endpoint}", ctx -> {
                Map<String, String> headers = new TreeMap<>();
                ctx.headerMap().forEach((k, v) -> headers.put(k.toLowerCase(), v));
                received.add(new Received(Instant.now(), ctx.path(), headers, ctx.body()));
                if (hanging) {
                    released.await();  // the sender's timeout ends the exchange, not an answer
                    return;
                }
                Reply reply;
                Integer poison = poisoned.get(String.valueOf(ctx.header("X-Sync-Record-Id")));
                synchronized (script) {
                    reply = poison != null ? new Reply(poison, Duration.ZERO)
                            : always != null ? always
                            : script.isEmpty() ? new Reply(200, Duration.ZERO) : script.poll();
                }
                reply.headers().get().forEach(ctx::header);
                if (!reply.delay().isZero()) {
                    Thread.sleep(reply.delay().toMillis());
                }
                ctx.status(reply.status()).contentType("application/json")
                        .result(reply.status() < 300 ? "{\"status\":\"ok\"}"
                                : "{\"status\":\"error\",\"error\":\"scripted\",\"message\":\"scripted " + reply.status() + "\"}");
            });
        }).start("127.0.0.1", onPort);
        port = app.port();
    }

    /** The next answer, with headers (e.g. Retry-After). */
    RecordingReceiver answerWith(int status, Map<String, String> headers) {
        Map<String, String> copy = Map.copyOf(headers);
        return answerWith(status, () -> copy);
    }

    /** The next answer, with headers made when it is answered (e.g. a Retry-After date from then). */
    RecordingReceiver answerWith(int status, java.util.function.Supplier<Map<String, String>> headers) {
        synchronized (script) {
            script.add(new Reply(status, Duration.ZERO, headers));
        }
        return this;
    }

    /** Every request about this record is answered with this status, whatever the script says. */
    RecordingReceiver poison(java.util.UUID recordId, int status) {
        poisoned.put(recordId.toString(), status);
        return this;
    }

    /** Every answer from now on is this status (null: back to the script, then 200). */
    RecordingReceiver always(Integer status, Map<String, String> headers) {
        Map<String, String> copy = Map.copyOf(headers);
        always = status == null ? null : new Reply(status, Duration.ZERO, () -> copy);
        return this;
    }

    /** Stops listening: connections to the port are refused until {@link #comeBack()}. */
    void goDown() {
        app.stop();
    }

    /**
     * From now on every request is accepted and recorded but never answered (a black hole: a receiver
     * whose process hangs), until {@link #close()}.
     */
    RecordingReceiver hang() {
        hanging = true;
        return this;
    }

    /** Listens again on the same port. */
    void comeBack() {
        start(port);
    }

    /** The next answers, in order (then 200). */
    RecordingReceiver answer(int... statuses) {
        synchronized (script) {
            for (int s : statuses) {
                script.add(new Reply(s, Duration.ZERO));
            }
        }
        return this;
    }

    /** The next answer comes after a delay. */
    RecordingReceiver answerAfter(Duration delay, int status) {
        synchronized (script) {
            script.add(new Reply(status, delay));
        }
        return this;
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    /** Waits until at least n requests arrived; returns them. */
    List<Received> await(int n, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (received.size() < n && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return received();
    }

    @Override
    public void close() {
        released.countDown();
        app.stop();
    }
}
