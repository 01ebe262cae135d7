package org.replkit.sender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.replkit.spec.SyncTable;

/**
 * How long a tick takes with a million open items (pg-image/README.md has the figures). Not part of
 * the usual run (it writes a million rows): {@code -Dsender.measure=scale}; {@code -Dsender.scaleItems=N}
 * changes the backlog.
 */
@EnabledIfSystemProperty(named = "sender.measure", matches = "scale")
class BacklogScaleMeasurement {

    @Test
    void aTickStaysUnderOneSecondWithAMillionOpenItems() throws Exception {
        int items = Integer.getInteger("sender.scaleItems", 1_000_000);
        SenderDatabase db = SharedSender.get();
        db.reset();
        db.setTiming(new SenderTiming(59, 1000, List.of(1.0, 2.0, 4.0), 3)); // pg_cron's ticks out of the way
        SenderFixture sql = new SenderFixture(db);
        try (RecordingReceiver live = new RecordingReceiver()) {
            UUID paused = db.registerInstance("paused-with-backlog",
                    "http://127.0.0.1:" + DeliveryTest.closedPort() + "/sync/patterns", SyncTable.PATTERNS);
            UUID active = db.registerInstance("active", live.url("/sync/patterns"), SyncTable.PATTERNS);
            long t0 = System.nanoTime();
            sql.execute("INSERT INTO replication.replication_queue (instance_id, table_name, event_type, record_id, payload, "
                    + "created_at) SELECT ?, 'approved_patterns', 'INSERT', gen_random_uuid(), jsonb_build_object('n', g), "
                    + "clock_timestamp() - interval '1 hour' FROM generate_series(1, ?) g", paused, items);
            sql.execute("UPDATE replication.instances SET state = 'paused', paused_since = now(), "
                    + "next_probe_at = now() + interval '1 hour', probe_interval_seconds = 60 WHERE instance_id = ?", paused);
            sql.executeAll("ANALYZE replication.replication_queue");
            System.out.printf("scale: %d open items written in %d ms%n", items, (System.nanoTime() - t0) / 1_000_000);

            for (int i = 0; i < 100; i++) {
                sql.insertPattern("live_" + i); // 100 items for each instance: the paused one's backlog grows too
            }
            explain(db, "CALL replication.run_tick()");
            long quiet = time(sql, "CALL replication.run_tick()", 3, "a tick with the backlog paused (no probe due), 100 items for the active instance");
            sql.execute("UPDATE replication.instances SET next_probe_at = now() WHERE instance_id = ?", paused);
            long probe = time(sql, "CALL replication.run_tick()", 1, "a tick that sends a probe from the backlog");
            long status = time(sql, "SELECT count(*) FROM replication.instance_health()", 3, "status: replication.instance_health()");
            long list = time(sql, "SELECT replication.list_active_instances()", 3, "status: list_active_instances()");
            long stats = time(sql, "SELECT replication.get_queue_stats()", 3, "status: get_queue_stats()");

            sql.execute("UPDATE replication.instances SET state = 'active', next_probe_at = NULL, in_flight_window = NULL, "
                    + "http_endpoint = ? WHERE instance_id = ?", live.url("/sync/patterns"), paused);
            long drain = time(sql, "CALL replication.run_tick()", 1,
                    "a tick of the resumed instance: 10000 items from the million, in chunks of 500");
            assertEquals(0, sql.count("SELECT count(*) FROM replication.replication_queue WHERE status = 'failed'"));
            assertTrue(quiet < 1000 && probe < 1000, "a tick took " + quiet + " / " + probe + " ms with " + items + " open items");
            System.out.printf("scale summary: open=%d quiet_tick_ms=%d probe_tick_ms=%d instance_health_ms=%d "
                    + "list_active_instances_ms=%d queue_stats_ms=%d resumed_tick_ms=%d%n",
                    sql.count("SELECT count(*) FROM replication.replication_queue WHERE status IN ('pending', 'in_flight')"),
                    quiet, probe, status, list, stats, drain);
            sql.execute("UPDATE replication.settings SET enabled = false"); // reset() empties the queue next
        }
    }

    /** Prints the plans of the statements inside a call that took over 50 ms (auto_explain, as notices). */
    private static void explain(SenderDatabase db, String query) throws Exception {
        try (java.sql.Connection c = db.connection(); java.sql.Statement st = c.createStatement()) {
            st.execute("LOAD 'auto_explain'");
            st.execute("SET auto_explain.log_min_duration = 50");
            st.execute("SET auto_explain.log_nested_statements = on");
            st.execute("SET auto_explain.log_analyze = on");
            st.execute("SET auto_explain.log_level = notice");
            st.execute(query);
            for (java.sql.SQLWarning w = st.getWarnings(); w != null; w = w.getNextWarning()) {
                System.out.println("scale plan: " + w.getMessage());
            }
        }
    }

    private static long time(SenderFixture sql, String query, int times, String what) throws Exception {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < times; i++) {
            long t = System.nanoTime();
            sql.execute(query);
            best = Math.min(best, (System.nanoTime() - t) / 1_000_000);
        }
        System.out.printf("scale: %s: %d ms (best of %d)%n", what, best, times);
        return best;
    }
}
