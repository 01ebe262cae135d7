package org.replkit.chaos.receiver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import org.replkit.receivers.store.PostgresStore;
import org.replkit.receivers.store.RecordStore;
import org.replkit.spec.SyncTable;

/**
 * The reference receivers in a process of their own ({@link ReceiverProcess}), on their PostgreSQL
 * store or in memory. With a PostgreSQL store the kit also reads that store directly after the run.
 */
public final class LocalReceiver implements ChaosReceiver {

    private final ReceiverProcess process;
    private final String dbUrl;
    private final String description;
    private RecordStore reader;

    private LocalReceiver(ReceiverProcess process, String dbUrl, String description) {
        this.process = process;
        this.dbUrl = dbUrl;
        this.description = description;
    }

    /**
     * @param dbUrl     the store's JDBC URL (with its own currentSchema), or null for the in-memory store
     * @param storeDescription how to name the store in the report (no password)
     * @param decorator a store decorator class (the kit's tests plant defects with it), or null
     * @param signingSecret the Standard Webhooks secret deliveries must be signed with, or null
     */
    public static LocalReceiver start(String dbUrl, String storeDescription, String decorator, String signingSecret, Path log) {
        ReceiverProcess process = ReceiverProcess.start(freePort(), dbUrl, decorator, signingSecret, log);
        String what = decorator == null ? "reference receivers" : "receivers with a planted defect (" + simpleName(decorator) + ")";
        return new LocalReceiver(process, dbUrl, what + ", " + (dbUrl == null ? "in-memory store" : "PostgreSQL store: " + storeDescription)
                + (signingSecret == null ? "" : ", signed deliveries only") + ", own process on port " + process.port());
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public URI url(SyncTable table) {
        return URI.create(process.baseUrl() + table.path());
    }

    @Override
    public boolean keepsData() {
        return dbUrl != null;
    }

    @Override
    public boolean canKill() {
        return true;
    }

    @Override
    public void kill() {
        process.kill();
    }

    @Override
    public void restart() {
        process.restart();
    }

    @Override
    public synchronized Optional<RecordStore> store() {
        if (dbUrl == null) {
            return Optional.empty();
        }
        if (reader == null) {
            reader = PostgresStore.open(dbUrl);
        }
        return Optional.of(reader);
    }

    @Override
    public synchronized void close() {
        try {
            process.close();
        } finally {
            if (reader != null) {
                reader.close();
            }
        }
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1).replace('$', '.');
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
