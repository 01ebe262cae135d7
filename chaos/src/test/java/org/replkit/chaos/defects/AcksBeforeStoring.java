package org.replkit.chaos.defects;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.replkit.receivers.record.RecordKind;
import org.replkit.receivers.record.Snapshot;
import org.replkit.receivers.store.RecordStore;

/**
 * PLANTED DEFECT: acknowledges a delivery before storing it. Writes are kept in memory and flushed to
 * the real store every {@value #FLUSH_MILLIS} ms ("write-behind"); a kill loses what was not flushed,
 * although the sender was told 200 for it.
 */
public final class AcksBeforeStoring implements RecordStore {

    public static final long FLUSH_MILLIS = 2_000;

    private final RecordStore store;
    private final Map<String, Snapshot> pending = new LinkedHashMap<>();
    private final ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "write-behind");
        t.setDaemon(true);
        return t;
    });

    public AcksBeforeStoring(RecordStore store, String dbUrl) {
        this.store = store;
        flusher.scheduleWithFixedDelay(this::flush, FLUSH_MILLIS, FLUSH_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public UpsertOutcome upsert(Snapshot snapshot) {
        synchronized (pending) {
            pending.merge(snapshot.kind() + "/" + snapshot.id(), snapshot, (a, b) -> b.supersedes(a) ? b : a);
        }
        return new UpsertOutcome(snapshot, true, store.count(snapshot.kind()));
    }

    private void flush() {
        Map<String, Snapshot> batch;
        synchronized (pending) {
            batch = new LinkedHashMap<>(pending);
            pending.clear();
        }
        batch.values().forEach(store::upsert);
    }

    @Override
    public long count(RecordKind kind) {
        return store.count(kind);
    }

    @Override
    public Optional<Snapshot> find(RecordKind kind, UUID id) {
        return store.find(kind, id);
    }

    @Override
    public String describe() {
        return "write-behind over " + store.describe();
    }

    @Override
    public void close() {
        flusher.shutdownNow();
        store.close();
    }
}
