package org.replkit.receivers.store;

import java.util.Optional;
import java.util.UUID;
import org.replkit.receivers.record.RecordKind;
import org.replkit.receivers.record.Snapshot;
import org.replkit.spec.Enforces;

/**
 * Where a receiver keeps the records it was sent. Every implementation upserts by record id,
 * keeps the snapshot with the newest updated_at, and is safe under concurrent upserts of the same
 * record.
 */
public interface RecordStore extends AutoCloseable {

    /**
     * Stores {@code snapshot} unless a newer snapshot of the same record is stored already.
     *
     * @return the row stored after the call and the number of records of that kind
     * @throws StoreUnavailableException when the store cannot be reached (a transient failure)
     */
    @Enforces({"SYNC-IDEM-01", "SYNC-IDEM-04", "SYNC-COUNT-01"})
    UpsertOutcome upsert(Snapshot snapshot);

    long count(RecordKind kind);

    Optional<Snapshot> find(RecordKind kind, UUID id);

    /** A short description for logs and banners, e.g. "in-memory" or "postgresql://host/db". */
    String describe();

    @Override
    void close();

    /**
     * @param stored  the snapshot stored after the upsert (the one sent, or a newer one kept)
     * @param applied whether the snapshot sent was written
     * @param count   the number of records of that kind after the upsert
     */
    record UpsertOutcome(Snapshot stored, boolean applied, long count) {}
}
