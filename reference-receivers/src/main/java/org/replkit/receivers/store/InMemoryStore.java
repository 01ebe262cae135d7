package org.replkit.receivers.store;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.replkit.receivers.record.RecordKind;
import org.replkit.receivers.record.Snapshot;

/** The embedded default: one concurrent map per record kind, no set-up at all, gone at exit. */
public final class InMemoryStore implements RecordStore {

    private final Map<RecordKind, ConcurrentHashMap<UUID, Snapshot>> tables = new EnumMap<>(RecordKind.class);

    public InMemoryStore() {
        for (RecordKind kind : RecordKind.values()) {
            tables.put(kind, new ConcurrentHashMap<>());
        }
    }

    @Override
    public UpsertOutcome upsert(Snapshot snapshot) {
        ConcurrentHashMap<UUID, Snapshot> table = tables.get(snapshot.kind());
        // compute() runs atomically per key: concurrent deliveries of one record serialise here.
        Snapshot stored = table.compute(snapshot.id(),
                (id, current) -> current == null || snapshot.supersedes(current) ? snapshot : current);
        return new UpsertOutcome(stored, stored == snapshot, table.size());
    }

    @Override
    public long count(RecordKind kind) {
        return tables.get(kind).size();
    }

    @Override
    public Optional<Snapshot> find(RecordKind kind, UUID id) {
        return Optional.ofNullable(tables.get(kind).get(id));
    }

    @Override
    public String describe() {
        return "in-memory";
    }

    @Override
    public void close() {
        tables.values().forEach(Map::clear);
    }
}
