package org.replkit.chaos.defects;

import java.util.Optional;
import java.util.UUID;
import org.replkit.receivers.record.RecordKind;
import org.replkit.receivers.record.Snapshot;
import org.replkit.receivers.store.RecordStore;

/**
 * PLANTED DEFECT on a receiver that starts with rows: {@link HoldsRowsAlready}'s records, counted as
 * {@link CountsEveryDelivery} counts (every delivery, a retry of a known record too). The count before
 * the run is right; its growth is not.
 */
public final class HoldsRowsAndCountsEveryDelivery implements RecordStore {

    private final RecordStore store;

    public HoldsRowsAndCountsEveryDelivery(RecordStore store, String dbUrl) {
        this.store = new CountsEveryDelivery(new HoldsRowsAlready(store, dbUrl), dbUrl);
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
        return store.describe();
    }

    @Override
    public void close() {
        store.close();
    }
}
