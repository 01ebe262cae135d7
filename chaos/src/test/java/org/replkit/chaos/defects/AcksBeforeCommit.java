package org.replkit.chaos.defects;

import java.util.Optional;
import java.util.UUID;
import org.replkit.receivers.record.RecordKind;
import org.replkit.receivers.record.Snapshot;
import org.replkit.receivers.store.PostgresStore;
import org.replkit.receivers.store.RecordStore;

/**
 * PLANTED DEFECT: the PostgreSQL store's group commit acknowledges a batch before its COMMIT, and
 * then waits {@value #WINDOW_MILLIS} ms before committing (the hook that widens the window). A kill
 * in that window loses the batch: the database rolls the transaction back, though the sender was
 * told 200 for every record in it. The real store answers only after the commit.
 */
public final class AcksBeforeCommit implements RecordStore {

    public static final long WINDOW_MILLIS = 900;

    private final RecordStore store;

    public AcksBeforeCommit(RecordStore store, String dbUrl) {
        store.close();
        this.store = PostgresStore.open(dbUrl, acknowledgeNow -> {
            acknowledgeNow.run();
            try {
                Thread.sleep(WINDOW_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    @Override
    public UpsertOutcome upsert(Snapshot snapshot) {
        return store.upsert(snapshot);
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
        return "acknowledging before the commit, over " + store.describe();
    }

    @Override
    public void close() {
        store.close();
    }
}
