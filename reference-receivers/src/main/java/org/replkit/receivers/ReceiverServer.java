package org.replkit.receivers;

import io.javalin.Javalin;
import org.replkit.receivers.http.ReceiverApp;
import org.replkit.receivers.store.InMemoryStore;
import org.replkit.receivers.store.PostgresStore;
import org.replkit.receivers.store.RecordStore;
import org.replkit.spec.WebhookSignature;

/**
 * A running pair of reference receivers: POST /sync/patterns (Singularity) and POST /sync/metrics
 * (Genesis) on one port, plus GET /health. Close it to stop the server and release the store.
 */
public final class ReceiverServer implements AutoCloseable {

    private final String host;
    private final Javalin app;
    private final RecordStore store;

    private ReceiverServer(String host, Javalin app, RecordStore store) {
        this.host = host;
        this.app = app;
        this.store = store;
    }

    /**
     * Starts the receivers; returns once they answer.
     *
     * @throws org.replkit.receivers.store.StoreUnavailableException when the database cannot be reached
     * @throws IllegalStateException when the port cannot be bound
     * @throws IllegalArgumentException when the signing secret is not whsec_ + base64 of at least 24 bytes
     */
    public static ReceiverServer start(ReceiverOptions options) {
        if (options.signingSecret() != null) {
            WebhookSignature.fromSecret(options.signingSecret()); // a bad secret is refused before anything starts
        }
        RecordStore store = options.dbUrl() == null ? new InMemoryStore() : PostgresStore.open(options.dbUrl());
        Javalin app = ReceiverApp.create(store, options.token(), options.signingSecret(), options.admission());
        try {
            app.start(options.host(), options.port());
        } catch (RuntimeException e) {
            store.close();
            throw new IllegalStateException("cannot listen on " + options.host() + ":" + options.port() + ": " + e.getMessage(), e);
        }
        return new ReceiverServer(options.host(), app, store);
    }

    public int port() {
        return app.port();
    }

    /** For example http://127.0.0.1:4000 (no trailing slash). */
    public String baseUrl() {
        String shownHost = host.contains(":") ? "[" + host + "]" : host;
        return "http://" + shownHost + ":" + port();
    }

    public String patternsUrl() {
        return baseUrl() + "/sync/patterns";
    }

    public String metricsUrl() {
        return baseUrl() + "/sync/metrics";
    }

    /** The store behind the receivers, for tests and benchmarks that look at what was stored. */
    public RecordStore store() {
        return store;
    }

    @Override
    public void close() {
        try {
            app.stop();
        } finally {
            store.close();
        }
    }
}
