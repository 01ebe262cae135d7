package org.replkit.conformance.sender;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.replkit.conformance.model.EndpointKind;
import org.replkit.conformance.model.SenderLink;
import org.replkit.sender.ReplicationApi;
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
        ReplicationApi queue = sender.replication();
        long open = queue.awaitSettled(ReplicationApi.Scope.record(instance, recordId), timeout, Duration.ofMillis(200), n -> { });
        Optional<ReplicationApi.Item> item = queue.newestItem(instance, recordId);
        if (item.isEmpty()) {
            return new Delivery("no queue item", null, "the trigger queued nothing for the instance");
        }
        ReplicationApi.Item last = item.get();
        String status = open == 0 ? last.status() : last.status() + " after " + timeout.toSeconds() + " s";
        return new Delivery(status, last.lastStatusCode(), last.lastError());
    }
}
