package org.replkit.receivers.store;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.replkit.receivers.record.RecordJson;
import org.replkit.receivers.record.RecordKind;
import org.replkit.receivers.record.Snapshot;
import tools.jackson.databind.node.ObjectNode;

/**
 * The embedded default: one concurrent map per record kind, no set-up at all, gone at exit.
 *
 * <p>A record is kept as its canonical JSON in UTF-8 beside its updated_at, not as a tree of JSON
 * nodes: about the size of the record as sent plus a fixed ~100 bytes of map entry, where a
 * Jackson tree takes several times the text. The count is a counter bumped only when a record is
 * inserted, so reading it is O(1) and every inserting delivery sees its own exact count.
 */
public final class InMemoryStore implements RecordStore {

    private final Map<RecordKind, Table> tables = new EnumMap<>(RecordKind.class);

    /** One record kind: its rows by id and the number of them. */
    private static final class Table {
        final ConcurrentHashMap<UUID, Stored> rows = new ConcurrentHashMap<>();
        final AtomicLong count = new AtomicLong();
    }

    /** A stored snapshot: updated_at in microseconds since the epoch (the precision kept) and the canonical JSON. */
    private record Stored(long updatedAtMicros, byte[] json) {}

    public InMemoryStore() {
        for (RecordKind kind : RecordKind.values()) {
            tables.put(kind, new Table());
        }
    }

    @Override
    public UpsertOutcome upsert(Snapshot snapshot) {
        Table table = tables.get(snapshot.kind());
        Stored candidate = new Stored(micros(snapshot.updatedAt()), RecordJson.writeTree(snapshot.fields()));
        long[] countIfInserted = {0};
        // SYNC-IDEM-04: compute() runs atomically per key, so concurrent deliveries of one record
        // serialise here; the count moves in the same step as the row appears (SYNC-COUNT-01).
        Stored kept = table.rows.compute(snapshot.id(), (id, current) -> {
            if (current == null) {
                countIfInserted[0] = table.count.incrementAndGet();
                return candidate;
            }
            // SYNC-IDEM-02, SYNC-IDEM-03: the newest updated_at wins, a tie replaces.
            return candidate.updatedAtMicros >= current.updatedAtMicros ? candidate : current;
        });
        long count = countIfInserted[0] > 0 ? countIfInserted[0] : table.count.get();
        if (kept == candidate) {
            return new UpsertOutcome(snapshot, true, count);
        }
        return new UpsertOutcome(decode(snapshot.kind(), snapshot.id(), kept), false, count);
    }

    @Override
    public long count(RecordKind kind) {
        return tables.get(kind).count.get();
    }

    @Override
    public Optional<Snapshot> find(RecordKind kind, UUID id) {
        Stored stored = tables.get(kind).rows.get(id);
        return stored == null ? Optional.empty() : Optional.of(decode(kind, id, stored));
    }

    @Override
    public String describe() {
        return "in-memory";
    }

    @Override
    public void close() {
        tables.values().forEach(t -> {
            t.rows.clear();
            t.count.set(0);
        });
    }

    private static long micros(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000);
    }

    private static Snapshot decode(RecordKind kind, UUID id, Stored stored) {
        ObjectNode fields = (ObjectNode) RecordJson.readStored(stored.json());
        Instant updatedAt = Instant.ofEpochSecond(Math.floorDiv(stored.updatedAtMicros, 1_000_000L),
                Math.floorMod(stored.updatedAtMicros, 1_000_000L) * 1_000L);
        return Snapshot.fromStoredJson(kind, id, updatedAt, fields);
    }
}
