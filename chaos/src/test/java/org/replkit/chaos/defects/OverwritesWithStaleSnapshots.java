package org.replkit.chaos.defects;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;
import org.replkit.receivers.record.RecordKind;
import org.replkit.receivers.record.Snapshot;
import org.replkit.receivers.store.RecordStore;

/**
 * PLANTED DEFECT: last write wins. A snapshot older than the stored row replaces it anyway (the
 * stored row is deleted first, so the store's own updated_at guard never sees it).
 */
public final class OverwritesWithStaleSnapshots implements RecordStore {

    private final RecordStore store;
    private final String dbUrl;
    private final String schema;

    public OverwritesWithStaleSnapshots(RecordStore store, String dbUrl) {
        this.store = store;
        this.dbUrl = dbUrl;
        this.schema = dbUrl.replaceAll(".*currentSchema=([a-z0-9_]+).*", "$1");
    }

    @Override
    public synchronized UpsertOutcome upsert(Snapshot snapshot) {
        Optional<Snapshot> stored = store.find(snapshot.kind(), snapshot.id());
        if (stored.isPresent() && !snapshot.supersedes(stored.get())) {
            try (Connection c = DriverManager.getConnection(dbUrl);
                 PreparedStatement ps = c.prepareStatement("DELETE FROM " + schema + "." + snapshot.kind().table() + " WHERE id = ?")) {
                ps.setObject(1, snapshot.id());
                ps.executeUpdate();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
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
        return "last-write-wins over " + store.describe();
    }

    @Override
    public void close() {
        store.close();
    }
}
