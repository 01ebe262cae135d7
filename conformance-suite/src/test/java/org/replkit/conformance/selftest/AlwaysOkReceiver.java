package org.replkit.conformance.selftest;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A stub that answers {@code 200 {"status":"ok"}} to every request, after an optional delay, and
 * stores nothing: what a receiver looks like when it was wired up but never written. The kit must
 * fail it on what its status codes show, and cannot tell only what needs a count or a stored value.
 */
public final class AlwaysOkReceiver implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService pool = Executors.newCachedThreadPool();

    private AlwaysOkReceiver(Duration delay) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 100);
        server.setExecutor(pool);
        server.createContext("/", ex -> {
            try (ex; InputStream in = ex.getRequestBody()) {
                in.readAllBytes();
                if (!delay.isZero()) {
                    Thread.sleep(delay.toMillis());
                }
                byte[] body = "{\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().set("Content-Type", "application/json");
                ex.sendResponseHeaders(200, body.length);
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(body);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
    }

    public static AlwaysOkReceiver start() {
        return start(Duration.ZERO);
    }

    public static AlwaysOkReceiver start(Duration delay) {
        try {
            return new AlwaysOkReceiver(delay);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public String patternsUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/sync/patterns";
    }

    public String metricsUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/sync/metrics";
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
