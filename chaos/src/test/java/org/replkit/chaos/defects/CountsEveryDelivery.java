package org.replkit.chaos.defects;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.replkit.receivers.record.RecordKind;
import org.replkit.receivers.record.Snapshot;
import org.replkit.receivers.store.RecordStore;

/**
 * PLANTED DEFECT: stores correctly but counts every delivery as a record, so a retry (or any
 * re-delivery) of a record it holds makes its count grow.
 */
public final class CountsEveryDelivery implements RecordStore {

    private final RecordStore store;
    private final Map<RecordKind, AtomicLong> counts = new EnumMap<>(RecordKind.class);

    public CountsEveryDelivery(RecordStore store, String dbUrl) {
        this.store = store;
        for (RecordKind kind : RecordKind.values()) {
            counts.put(kind, new AtomicLong(store.count(kind)));
        }
    }

    @Override
    public UpsertOutcome upsert(Snapshot snapshot) {
        UpsertOutcome outcome = store.upsert(snapshot);
        return new UpsertOutcome(outcome.stored(), outcome.applied(), counts.get(snapshot.kind()).incrementAndGet());
    }

    @Override
    public long count(RecordKind kind) {
        return counts.get(kind).get();
    }

    @Override
    public Optional<Snapshot> find(RecordKind kind, UUID id) {
        return store.find(kind, id);
    }

    @Override
    public String describe() {
        return "counting every delivery, over " + store.describe();
    }

    @Override
    public void close() {
        store.close();
    }
}
