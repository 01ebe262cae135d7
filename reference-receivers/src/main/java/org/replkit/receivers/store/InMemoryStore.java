package org.replkit.receivers.store;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
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
 * <p>A record is kept as one byte array: its updated_at, then its canonical JSON in UTF-8; not as
 * a tree of JSON nodes. That is about the size of the record as sent plus a fixed ~100 bytes of map
 * entry, where a Jackson tree takes several times the text, and three objects a record (entry, id,
 * bytes) for the garbage collector to trace and copy: with millions of records held, that work,
 * not the requests, is what a store in memory spends its time on. The count is a counter bumped
 * only when a record is inserted, so reading it is O(1) and every inserting delivery sees its own
 * exact count.
 */
public final class InMemoryStore implements RecordStore {

    private final Map<RecordKind, Table> tables = new EnumMap<>(RecordKind.class);

    /** One record kind: its rows by id and the number of them. */
    private static final class Table {
        final ConcurrentHashMap<UUID, byte[]> rows = new ConcurrentHashMap<>();
        final AtomicLong count = new AtomicLong();
    }

    /**
     * A stored snapshot's first bytes: its updated_at in microseconds since the epoch (the precision
     * kept), big-endian; the canonical JSON follows.
     */
    private static final int JSON_AT = Long.BYTES;
    private static final VarHandle UPDATED_AT = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    public InMemoryStore() {
        for (RecordKind kind : RecordKind.values()) {
            tables.put(kind, new Table());
        }
    }

    @Override
    public UpsertOutcome upsert(Snapshot snapshot) {
        Table table = tables.get(snapshot.kind());
        byte[] candidate = RecordJson.writeTree(snapshot.fields(), JSON_AT);
        long candidateMicros = micros(snapshot.updatedAt());
        UPDATED_AT.set(candidate, 0, candidateMicros);
        long[] countIfInserted = {0};
        // SYNC-IDEM-04: compute() runs atomically per key, so concurrent deliveries of one record
        // serialise here; the count moves in the same step as the row appears (SYNC-COUNT-01).
        byte[] kept = table.rows.compute(snapshot.id(), (id, current) -> {
            if (current == null) {
                countIfInserted[0] = table.count.incrementAndGet();
                return candidate;
            }
            // SYNC-IDEM-02, SYNC-IDEM-03: the newest updated_at wins, a tie replaces.
            return candidateMicros >= updatedAtMicros(current) ? candidate : current;
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
        byte[] stored = tables.get(kind).rows.get(id);
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

    private static long updatedAtMicros(byte[] stored) {
        return (long) UPDATED_AT.get(stored, 0);
    }

    private static Snapshot decode(RecordKind kind, UUID id, byte[] stored) {
        ObjectNode fields = (ObjectNode) RecordJson.readStored(stored, JSON_AT, stored.length - JSON_AT);
        long micros = updatedAtMicros(stored);
        Instant updatedAt = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
        return Snapshot.fromStoredJson(kind, id, updatedAt, fields);
    }
}
