package org.replkit.conformance.sender;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import org.replkit.conformance.model.EndpointKind;
import org.replkit.conformance.model.SenderLink;
import org.replkit.sender.SenderDatabase;
import org.replkit.spec.SyncTable;

/**
 * E2E-01's way into a real sender database (pg-image): registers the receiver under test as an
 * instance, inserts the row in the replicated table, waits for its replication_queue item to end,
 * and takes the instance out again so later rows are not sent to it.
 */
public final class SenderDatabaseLink implements SenderLink {

    private final SenderDatabase sender;

    public SenderDatabaseLink(SenderDatabase sender) {
        this.sender = sender;
    }

    @Override
    public String describe() {
        return sender.kind() + " sender database (" + sender.netProvider() + ")";
    }

    @Override
    public Delivery insertAndAwait(EndpointKind endpoint, String receiverUrl, String token, String signingSecret,
                                   String recordJson, Duration timeout) throws SQLException, InterruptedException {
        SyncTable table = endpoint == EndpointKind.PATTERNS ? SyncTable.PATTERNS : SyncTable.METRICS;
        UUID instance = sender.registerInstance("kit-verify-" + UUID.randomUUID().toString().substring(0, 8),
                receiverUrl, table, token, signingSecret);
        try {
            UUID recordId;
            try (Connection c = sender.connection(); PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO public." + table.tableName() + " SELECT * FROM jsonb_populate_record(NULL::public."
                            + table.tableName() + ", ?::jsonb) RETURNING id")) {
                ps.setString(1, recordJson);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    recordId = rs.getObject(1, UUID.class);
                }
            }
            return awaitEnd(instance, recordId, timeout);
        } finally {
            sender.deactivateInstance(instance);
        }
    }

    private Delivery awaitEnd(UUID instance, UUID recordId, Duration timeout) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Delivery last = new Delivery("no queue item", null, "the trigger queued nothing for the instance");
        while (System.nanoTime() < deadline) {
            try (Connection c = sender.connection(); PreparedStatement ps = c.prepareStatement(
                    "SELECT status, last_status_code, last_error FROM replication.replication_queue "
                            + "WHERE instance_id = ? AND record_id = ? ORDER BY id DESC LIMIT 1")) {
                ps.setObject(1, instance);
                ps.setObject(2, recordId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        Integer code = rs.getObject(2) == null ? null : rs.getInt(2);
                        last = new Delivery(rs.getString(1), code, rs.getString(3));
                        if (last.queueStatus().equals("success") || last.queueStatus().equals("failed")) {
                            return last;
                        }
                    }
                }
            }
            Thread.sleep(200);
        }
        return new Delivery(last.queueStatus() + " after " + timeout.toSeconds() + " s", last.httpStatus(), last.detail());
    }
}
