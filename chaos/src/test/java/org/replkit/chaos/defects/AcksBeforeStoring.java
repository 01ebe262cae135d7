package org.replkit.chaos.defects;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
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
 * PLANTED DEFECT: acknowledges a delivery before storing it. Writes are kept in memory and each is
 * stored {@value #FLUSH_MILLIS} ms after its acknowledgement ("write-behind"); a kill loses every write
 * acknowledged in the last {@value #FLUSH_MILLIS} ms, although the sender was told 200 for it. A delay
 * per write, rather than a periodic flush, makes the loss independent of where a kill falls between
 * two flushes.
 */
public final class AcksBeforeStoring implements RecordStore {

    public static final long FLUSH_MILLIS = 2_000;
    private static final long CHECK_MILLIS = 100;

    private record Acknowledged(Snapshot snapshot, long atNanos) {}

    private final RecordStore store;
    private final Map<String, Acknowledged> pending = new LinkedHashMap<>();
    private final ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "write-behind");
        t.setDaemon(true);
        return t;
    });

    public AcksBeforeStoring(RecordStore store, String dbUrl) {
        this.store = store;
        flusher.scheduleWithFixedDelay(this::flush, CHECK_MILLIS, CHECK_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public UpsertOutcome upsert(Snapshot snapshot) {
        synchronized (pending) {
            Acknowledged now = new Acknowledged(snapshot, System.nanoTime());
            pending.merge(snapshot.kind() + "/" + snapshot.id(), now,
                    (older, newer) -> newer.snapshot().supersedes(older.snapshot()) ? newer : older);
        }
        return new UpsertOutcome(snapshot, true, store.count(snapshot.kind()));
    }

    /** Stores what was acknowledged at least {@value #FLUSH_MILLIS} ms ago. */
    private void flush() {
        long due = System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(FLUSH_MILLIS);
        List<Snapshot> batch = new ArrayList<>();
        synchronized (pending) {
            for (Iterator<Acknowledged> it = pending.values().iterator(); it.hasNext(); ) {
                Acknowledged a = it.next();
                if (a.atNanos() - due <= 0) {
                    batch.add(a.snapshot());
                    it.remove();
                }
            }
        }
        batch.forEach(store::upsert);
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
