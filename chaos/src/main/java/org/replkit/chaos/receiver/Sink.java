package org.replkit.chaos.receiver;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * A receiver that stores nothing and answers every POST 200: the far end of the instances beside the
 * receivers under test (the gone fault's instance, the fan-out case's), so that their deliveries
 * never reach, and never blur the counts of, the receivers being judged. Loopback only.
 */
public final class Sink implements AutoCloseable {

    private static final byte[] OK = "{\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8);

    private final HttpServer server;

    private Sink(HttpServer server) {
        this.server = server;
    }

    public static Sink start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
            server.createContext("/", exchange -> {
                try (InputStream in = exchange.getRequestBody(); OutputStream out = exchange.getResponseBody()) {
                    in.readAllBytes();
                    exchange.getResponseHeaders().set("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, OK.length);
                    out.write(OK);
                }
            });
            server.setExecutor(Executors.newFixedThreadPool(4, r -> {
                Thread t = new Thread(r, "chaos-sink");
                t.setDaemon(true);
                return t;
            }));
            server.start();
            return new Sink(server);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the kit's sink receiver", e);
        }
    }

    /** The sink's URL for a path, e.g. /sync/patterns. */
    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
