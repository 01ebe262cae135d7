package org.replkit.chaos.receiver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A receiver in a JVM of its own ({@link ReceiverMain}), on a fixed loopback port, that the nemesis
 * can kill with SIGKILL and start again on the same port and store. Its output goes to a log file.
 */
public final class ReceiverProcess implements AutoCloseable {

    private static final Duration READY_LIMIT = Duration.ofSeconds(60);

    /** Starts the receiver JVM, the first time and after each kill. */
    private final ProcessBuilder launcher;
    private final int port;
    private final Path log;
    private Process process;

    private ReceiverProcess(ProcessBuilder launcher, int port, Path log) {
        this.launcher = launcher;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts it and waits until GET /health answers.
     *
     * @param dbUrl     the PostgreSQL store's URL, or null for the in-memory store
     * @param decorator a store decorator class name (the kit's tests only), or null
     * @param signingSecret the Standard Webhooks secret deliveries must be signed with, or null (passed in the
     *                      environment, never on the command line)
     */
    public static ReceiverProcess start(int port, String dbUrl, String decorator, String signingSecret, Path log) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-cp", System.getProperty("java.class.path"),
                ReceiverMain.class.getName(), Integer.toString(port)));
        if (decorator != null) {
            command.add(decorator);
        }
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> env = pb.environment();
        env.put(ReceiverMain.PARENT_PID_ENV, Long.toString(ProcessHandle.current().pid()));
        env.remove(ReceiverMain.DB_URL_ENV);
        env.remove(ReceiverMain.SIGNING_SECRET_ENV);
        if (dbUrl != null) {
            env.put(ReceiverMain.DB_URL_ENV, dbUrl);
        }
        if (signingSecret != null) {
            env.put(ReceiverMain.SIGNING_SECRET_ENV, signingSecret);
        }
        ReceiverProcess p = new ReceiverProcess(pb, port, log);
        p.launch();
        return p;
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** SIGKILL: no shutdown hook, no flush, no goodbye. */
    public void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the receiver process " + process.pid() + " did not die");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Starts it again after {@link #kill()}; returns once it answers. */
    public void restart() {
        if (process.isAlive()) {
            throw new IllegalStateException("the receiver process is still running");
        }
        launch();
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }

    private void launch() {
        try {
            process = launcher.start();
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the receiver process", e);
        }
        awaitReady();
    }

    private void awaitReady() {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create(baseUrl() + "/health")).timeout(Duration.ofSeconds(2)).GET().build();
        long deadline = System.nanoTime() + READY_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the receiver process exited during start-up (exit " + process.exitValue()
                        + "); its log: " + log);
            }
            try {
                try {
                    if (client.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return;
                    }
                } catch (IOException e) {
                    // not listening yet
                }
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("the receiver process did not answer within " + READY_LIMIT.toSeconds() + " s; its log: " + log);
    }
}
