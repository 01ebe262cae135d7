package org.replkit.receivers;

/**
 * A running pair of reference receivers: POST /sync/patterns (Singularity) and POST /sync/metrics
 * (Genesis) on one port, plus GET /health. Close it to stop the server and release the store.
 */
public final class ReceiverServer implements AutoCloseable {

    private final String host;
    private final int port;
    private final Runnable stopper;

    private ReceiverServer(String host, int port, Runnable stopper) {
        this.host = host;
        this.port = port;
        this.stopper = stopper;
    }

    /** Starts the receivers; returns once they answer. */
    public static ReceiverServer start(ReceiverOptions options) {
        throw new UnsupportedOperationException("not built yet");
    }

    public int port() {
        return port;
    }

    /** For example http://127.0.0.1:4000 (no trailing slash). */
    public String baseUrl() {
        return "http://" + host + ":" + port;
    }

    public String patternsUrl() {
        return baseUrl() + "/sync/patterns";
    }

    public String metricsUrl() {
        return baseUrl() + "/sync/metrics";
    }

    @Override
    public void close() {
        stopper.run();
    }
}
