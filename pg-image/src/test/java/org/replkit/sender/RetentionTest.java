package org.replkit.sender;

import org.replkit.spec.SyncTable;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** replication.prune(): the audit trail does not grow forever, and never loses an item that is not final. */
class RetentionTest {

    private SenderDatabase db;
    private SenderFixture sql;
    private UUID instance;

    @BeforeEach
    void freshSender() throws SQLException {
        db = SharedSender.get();
        db.reset();
        sql = new SenderFixture(db);
        sql.executeAll("SELECT replication.configure(enabled => false)"); // nothing is sent here
        instance = db.registerInstance("archive", "http://127.0.0.1:9/sync/patterns", SyncTable.PATTERNS);
    }

    @Test
    @Tag("SND-AUDIT-01")
    void pruneRemovesOnlyOldFinalItemsAndNeverOneThatIsPendingInFlightOrBehindAnOpenOne() throws Exception {
        UUID r1 = UUID.randomUUID();
        UUID r2 = UUID.randomUUID();
        UUID r3 = UUID.randomUUID();
        UUID r4 = UUID.randomUUID();
        long oldSuccess = item(r1, "success", "10 days");
        item(r1, "failed", "9 days");
        item(r1, "pending", null);
        item(r2, "pending", null);
        long behindOpen = item(r2, "success", "10 days");  // an older item of r2 is still open
        item(r3, "in_flight", null);
        long recent = item(r4, "success", "1 day");
        sql.execute("INSERT INTO replication.delivery_attempts (queue_id, attempt, request_id, sent_at) "
                + "VALUES (?, 1, 1, now() - interval '10 days')", oldSuccess);

        assertEquals(2, db.prune(Duration.ofDays(7)), "the success and the failure of r1");
        assertEquals(List.of("pending", "pending", "success", "in_flight", "success"), statuses());
        assertEquals(1, sql.count("SELECT count(*) FROM replication.replication_queue WHERE id = ?", behindOpen));
        assertEquals(0, sql.count("SELECT count(*) FROM replication.delivery_attempts"), "the attempt log goes with its item");

        sql.execute("SELECT replication.configure(retention => interval '1 hour')");
        assertEquals(1, sql.count("SELECT replication.prune()"), "without an argument: the retention setting");
        assertEquals(0, sql.count("SELECT count(*) FROM replication.replication_queue WHERE id = ?", recent));
        assertEquals(4, sql.count("SELECT count(*) FROM replication.replication_queue"));
    }

    @Test
    void pruneRunsHourlyAsAPgCronJobWithASevenDayDefaultAndRefusesANegativeAge() throws Exception {
        assertEquals("SELECT replication.prune()",
                sql.text("SELECT command FROM cron.job WHERE jobname = 'replication-prune'"));
        assertEquals("7 days", sql.text("SELECT replication.get_settings()->>'retention'"));
        SQLException e = assertThrows(SQLException.class, () -> sql.execute("SELECT replication.prune(interval '-1 day')"));
        assertTrue(e.getMessage().contains("must not be negative"), e.getMessage());
    }

    private long item(UUID record, String status, String completedAgo) throws SQLException {
        return sql.count("INSERT INTO replication.replication_queue (instance_id, table_name, event_type, record_id, "
                + "payload, status, completed_at, created_at) VALUES (?, 'approved_patterns', 'UPDATE', ?, '{}', ?, "
                + "now() - ?::interval, now() - interval '11 days') RETURNING id",
                instance, record, status, completedAgo);
    }

    private List<String> statuses() throws SQLException {
        return sql.items(instance).stream().map(SenderFixture.Item::status).toList();
    }
}
