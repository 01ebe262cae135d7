package org.replkit.chaos.defects;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.replkit.receivers.record.RecordJson;
import org.replkit.receivers.record.RecordKind;
import org.replkit.receivers.record.RecordValidator;
import org.replkit.receivers.record.Snapshot;
import org.replkit.receivers.store.RecordStore;

/**
 * NOT A DEFECT: a correct store that already holds {@value #ROWS} records of each kind when the
 * receiver starts, as a staging receiver does. The rows have fixed ids, so a restart of the process
 * finds them (or, in memory, writes them again) without changing the count.
 */
public final class HoldsRowsAlready implements RecordStore {

    public static final int ROWS = 1_000;

    private final RecordStore store;

    public HoldsRowsAlready(RecordStore store, String dbUrl) {
        this.store = store;
        RecordValidator validator = new RecordValidator();
        for (RecordKind kind : RecordKind.values()) {
            if (store.find(kind, id(kind, ROWS - 1)).isPresent()) {
                continue; // filled by an earlier start of the process
            }
            for (int i = 0; i < ROWS; i++) {
                RecordValidator.Result r = validator.validate(kind, RecordJson.read(body(kind, i).getBytes(StandardCharsets.UTF_8)));
                if (!r.valid()) {
                    throw new IllegalStateException("pre-filled record refused: " + r.problems());
                }
                store.upsert(r.snapshot());
            }
        }
    }

    static UUID id(RecordKind kind, int i) {
        return new UUID(0x0123_4567_89ab_4cdeL + kind.ordinal(), 0x8000_0000_0000_0000L | i);
    }

    private static String body(RecordKind kind, int i) {
        String at = "2025-06-01T00:00:00Z";
        if (kind == RecordKind.PATTERNS) {
            return String.format(Locale.ROOT, "{\"id\":\"%s\",\"name\":\"held-%d\",\"ecosystem\":\"elixir\",\"frequency\":%d,"
                    + "\"confidence\":0.5,\"inserted_at\":\"%s\",\"updated_at\":\"%s\"}", id(kind, i), i, i, at, at);
        }
        return String.format(Locale.ROOT, "{\"id\":\"%s\",\"instance_id\":\"held\",\"period_start\":\"%s\",\"period_end\":\"%s\","
                + "\"jobs_completed\":%d,\"jobs_failed\":0,\"success_rate\":0.5,\"inserted_at\":\"%s\",\"updated_at\":\"%s\"}",
                id(kind, i), at, at, i, at, at);
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
        return "holding " + ROWS + " records of each kind from the start, " + store.describe();
    }

    @Override
    public void close() {
        store.close();
    }
}
