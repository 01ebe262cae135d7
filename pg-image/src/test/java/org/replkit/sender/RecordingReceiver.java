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
 * a script (status codes, optional delays), then 200 once the script is used up.
 */
final class RecordingReceiver implements AutoCloseable {

    /** One request as it arrived. */
    record Received(Instant at, String path, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase());
        }
    }

    private record Reply(int status, Duration delay) {
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Deque<Reply> script = new ArrayDeque<>();
    private final Javalin app;

    RecordingReceiver() {
        app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.routes.post("/sync/{endpoint}", ctx -> {
                Map<String, String> headers = new TreeMap<>();
                ctx.headerMap().forEach((k, v) -> headers.put(k.toLowerCase(), v));
                received.add(new Received(Instant.now(), ctx.path(), headers, ctx.body()));
                Reply reply;
                synchronized (script) {
                    reply = script.isEmpty() ? new Reply(200, Duration.ZERO) : script.poll();
                }
                if (!reply.delay().isZero()) {
                    Thread.sleep(reply.delay().toMillis());
                }
                ctx.status(reply.status()).contentType("application/json")
                        .result(reply.status() < 300 ? "{\"status\":\"ok\"}"
                                : "{\"status\":\"error\",\"error\":\"scripted\",\"message\":\"scripted " + reply.status() + "\"}");
            });
        }).start("127.0.0.1", 0);
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
        return "http://127.0.0.1:" + app.port() + path;
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
        app.stop();
    }
}
