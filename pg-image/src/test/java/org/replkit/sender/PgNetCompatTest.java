package org.replkit.sender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The net schema keeps pg_net 0.20's public surface and behaviour (sent after commit, outcome rows,
 * no retry), whichever provides it: real pg_net on the Docker path, the stand-in elsewhere.
 */
class PgNetCompatTest {

    private SenderDatabase db;
    private SenderFixture sql;

    @BeforeEach
    void sender() {
        db = SharedSender.get();
        db.reset();
        sql = new SenderFixture(db);
    }

    @Test
    void theFunctionsHavePgNetsSignaturesAndDefaults() throws Exception {
        assertEquals("url text, body jsonb DEFAULT '{}'::jsonb, params jsonb DEFAULT '{}'::jsonb, "
                        + "headers jsonb DEFAULT '{\"Content-Type\": \"application/json\"}'::jsonb, "
                        + "timeout_milliseconds integer DEFAULT 5000",
                sql.text("SELECT pg_get_function_arguments('net.http_post'::regproc)"));
        assertEquals("url text, params jsonb DEFAULT '{}'::jsonb, headers jsonb DEFAULT '{}'::jsonb, "
                        + "timeout_milliseconds integer DEFAULT 5000",
                sql.text("SELECT pg_get_function_arguments('net.http_get'::regproc)"));
        assertEquals("bigint", sql.text("SELECT pg_get_function_result('net.http_post'::regproc)"));
        assertEquals("id,method,url,headers,body,timeout_milliseconds", columns("http_request_queue"));
        assertEquals("id,status_code,content_type,headers,content,timed_out,error_msg,created", columns("_http_response"));
        assertEquals("u", sql.text("SELECT relpersistence::text FROM pg_class WHERE oid = 'net._http_response'::regclass"));
    }

    private String columns(String table) throws SQLException {
        return sql.text("SELECT string_agg(column_name, ',' ORDER BY ordinal_position) FROM information_schema.columns "
                + "WHERE table_schema = 'net' AND table_name = ?", table);
    }

    @Test
    void aRequestIsSentOnlyAfterTheCallerCommitsAndItsOutcomeIsStored() throws Exception {
        try (RecordingReceiver r = new RecordingReceiver(); Connection c = db.connection()) {
            c.setAutoCommit(false);
            long id;
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT net.http_post('" + r.url("/sync/x") + "', '{\"a\": 1}', '{\"q\": \"v w\"}', "
                            + "'{\"Content-Type\": \"application/json\", \"X-Test\": \"yes\"}')")) {
                rs.next();
                id = rs.getLong(1);
            }
            Thread.sleep(1500);
            assertEquals(0, r.received().size(), "nothing is sent before the commit");
            c.commit();
            RecordingReceiver.Received got = r.await(1, Duration.ofSeconds(5)).get(0);
            assertEquals("{\"a\": 1}", got.body());
            assertEquals("yes", got.header("X-Test"));
            assertEquals("application/json", got.header("Content-Type"));
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (sql.count("SELECT count(*) FROM net._http_response WHERE id = ?", id) == 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertEquals("200", sql.text("SELECT status_code::text FROM net._http_response WHERE id = ?", id));
            assertEquals("{\"status\":\"ok\"}", sql.text("SELECT content FROM net._http_response WHERE id = ?", id));
        }
    }

    @Test
    void aConnectionErrorAndATimeoutAreStoredAsErrorsAndNotRetried() throws Exception {
        try (RecordingReceiver slow = new RecordingReceiver().answerAfter(Duration.ofMillis(1500), 200)) {
            String refused = "http://127.0.0.1:" + DeliveryTest.closedPort() + "/x";
            long refusedId = sql.count("SELECT net.http_post(?, '{}'::jsonb)", refused);
            long slowId = sql.count("SELECT net.http_post(url => ?, timeout_milliseconds => 500)", slow.url("/sync/slow"));
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (sql.count("SELECT count(*) FROM net._http_response WHERE id IN (?, ?)", refusedId, slowId) < 2
                    && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertNull(sql.text("SELECT status_code::text FROM net._http_response WHERE id = ?", refusedId));
            assertTrue(sql.text("SELECT error_msg FROM net._http_response WHERE id = ?", refusedId).contains("connect"));
            assertNull(sql.text("SELECT status_code::text FROM net._http_response WHERE id = ?", slowId));
            assertTrue(sql.text("SELECT error_msg FROM net._http_response WHERE id = ?", slowId).toLowerCase().contains("time"));
            if ("pgnet-compat".equals(db.netProvider())) {
                assertEquals("true", sql.text("SELECT timed_out::text FROM net._http_response WHERE id = ?", slowId));
            }
            Thread.sleep(2000);
            assertEquals(1, slow.received().size(), "pg_net does not retry");
        }
    }

    /**
     * As on pg_net 0.20, a pass ends only when its slowest request does: one answer held for 6 s (the
     * request times out at 5 s) and nine quick ones, committed together, form one pass; the quick ones
     * reach their receiver at once, but their outcomes appear only with the slow one's, about 5 s after
     * the commit, all in the same moment.
     */
    @Test
    void aPassEndsWhenItsSlowestRequestDoes() throws Exception {
        try (RecordingReceiver slow = new RecordingReceiver().answerAfter(Duration.ofSeconds(6), 200);
             RecordingReceiver quick = new RecordingReceiver(); Connection c = db.connection()) {
            c.setAutoCommit(false);
            long firstId;
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT min(id) FROM (SELECT net.http_post('" + slow.url("/sync/slow") + "', '{}'::jsonb) AS id "
                            + "UNION ALL SELECT net.http_post('" + quick.url("/sync/quick") + "', '{}'::jsonb) "
                            + "FROM generate_series(1, 9)) ids")) {
                rs.next();
                firstId = rs.getLong(1);
            }
            long committed = System.nanoTime();
            c.commit();
            assertEquals(9, quick.await(9, Duration.ofSeconds(10)).size());
            long firstSeen = -1;
            long atFirstSight = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline) {
                atFirstSight = sql.count("SELECT count(*) FROM net._http_response WHERE id >= ?", firstId);
                if (atFirstSight > 0) {
                    firstSeen = Duration.ofNanos(System.nanoTime() - committed).toMillis();
                    break;
                }
                Thread.sleep(20);
            }
            System.out.printf("a pass with one answer held 6 s: the quick outcomes appeared %d ms after the commit%n", firstSeen);
            assertEquals(10, atFirstSight, "the pass's ten outcomes appear together");
            assertTrue(firstSeen >= 4000, "the quick outcomes waited for the slow request's 5 s timeout: " + firstSeen + " ms");
        }
    }

    /**
     * What the trigger schema can see of pg_net 0.20, kept by the stand-in: the User-Agent, a
     * response's created being when the pass was started, not when the answer came, and the
     * timeout's error text.
     */
    @Test
    void userAgentCreatedAndTimeoutTextAreAsPgNets() throws Exception {
        try (RecordingReceiver slow = new RecordingReceiver().answerAfter(Duration.ofMillis(1200), 200);
             RecordingReceiver late = new RecordingReceiver().answerAfter(Duration.ofMillis(1500), 200)) {
            long slowId = sql.count("SELECT net.http_post(?, '{}'::jsonb)", slow.url("/sync/slow"));
            long timeoutId = sql.count("SELECT net.http_post(url => ?, timeout_milliseconds => 500)", late.url("/sync/late"));
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (sql.count("SELECT count(*) FROM net._http_response WHERE id IN (?, ?)", slowId, timeoutId) < 2
                    && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            RecordingReceiver.Received arrived = slow.received().get(0);
            assertTrue(arrived.header("User-Agent").startsWith("pg_net/"), arrived.header("User-Agent"));
            java.time.Instant created = java.time.OffsetDateTime.parse(sql.text(
                    "SELECT to_char(created AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') FROM net._http_response WHERE id = ?",
                    slowId)).toInstant();
            // One clock (same machine): the request went out before it arrived, however busy the machine;
            // the answer left 1.2 s after the arrival.
            long createdAfterArrival = Duration.between(arrived.at(), created).toMillis();
            assertTrue(createdAfterArrival < 600, "created is when the request went out, not 1.2 s after its"
                    + " arrival when the answer came: " + createdAfterArrival + " ms after the arrival");
            if ("pgnet-compat".equals(db.netProvider())) {
                String timeout = sql.text("SELECT error_msg FROM net._http_response WHERE id = ?", timeoutId);
                assertTrue(timeout.matches("Timeout of 500 ms reached\\. Total time: [0-9.]+ ms"), timeout);
            }
        }
    }

    @Test
    void theStandInsSenderCountFollowsTheSetting() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue("pgnet-compat".equals(db.netProvider()), "stand-in only");
        db.setTuning(new SenderTuning(1000, null, 7));
        assertEquals(7, sql.count("SELECT count(*) FROM cron.job WHERE jobname LIKE 'pgnet-compat-worker-%'"));
        assertEquals(1, sql.count("SELECT count(*) FROM cron.job WHERE jobname = 'pgnet-compat-coordinator'"));
        db.setTuning(SenderTuning.DEFAULT);
        assertEquals(4, sql.count("SELECT count(*) FROM cron.job WHERE jobname LIKE 'pgnet-compat-worker-%'"));
        assertEquals(SenderTuning.DEFAULT, db.tuning());
    }

    /**
     * pg_net 0.20 reads pg_net.batch_size server-wide (a SIGHUP setting: ALTER DATABASE ... SET is
     * refused there). configure sets it where pg_net reads it: a session in another database of the
     * server sees it, and no per-database setting is made. reset() takes it back.
     */
    @Test
    void theBatchSizeLandsServerWideNotPerDatabase() throws Exception {
        db.setTuning(new SenderTuning(10_000, 1000, 4));
        String otherDatabase = db.jdbcUrl().replaceFirst("(jdbc:postgresql://[^/]+/)[^?]+", "$1postgres");
        try (Connection other = java.sql.DriverManager.getConnection(otherDatabase);
             Statement st = other.createStatement();
             ResultSet rs = st.executeQuery("SELECT current_setting('pg_net.batch_size', true)")) {
            rs.next();
            assertEquals("1000", rs.getString(1), "seen from database postgres too: server-wide");
        }
        assertEquals(0, sql.count("SELECT count(*) FROM pg_db_role_setting s, unnest(s.setconfig) c WHERE c LIKE 'pg_net.%'"),
                "no ALTER DATABASE / ALTER ROLE setting, which pg_net 0.20 refuses");
        if ("pgnet-compat".equals(db.netProvider())) {
            assertEquals(1000, sql.count("SELECT net._compat_batch_size()"));
        }
        assertEquals(0, sql.count("SELECT count(*) FROM cron.job WHERE jobname LIKE 'replication-set-%' "
                + "OR jobname = 'replication-apply-server-settings'"), "the one-off jobs are gone");
        db.reset();
        db.awaitServerSetting("pg_net.batch_size", "pgnet-compat".equals(db.netProvider()) ? "" : "200", Duration.ofSeconds(10));
    }

    /** Where ALTER SYSTEM is refused (no superuser, no grant: managed Postgres), one line names the setting to make. */
    @Test
    void whereAlterSystemIsRefusedOneLineNamesTheSettingToMake() throws Exception {
        sql.executeAll("DROP ROLE IF EXISTS kit_tuning_probe", "CREATE ROLE kit_tuning_probe",
                "GRANT USAGE ON SCHEMA replication TO kit_tuning_probe");
        try (Connection c = db.connection(); Statement st = c.createStatement()) {
            st.execute("SET ROLE kit_tuning_probe");
            SQLException e = assertThrows(SQLException.class,
                    () -> st.execute("SELECT replication.set_pgnet_setting('pg_net.batch_size', '1000')"));
            String message = e.getMessage();
            assertTrue(message.contains("ALTER SYSTEM") && message.contains("set pg_net.batch_size = 1000"), message);
            assertEquals(1, message.lines().filter(l -> l.startsWith("ERROR")).count(), message);
            st.execute("RESET ROLE");
        } finally {
            sql.executeAll("REVOKE USAGE ON SCHEMA replication FROM kit_tuning_probe", "DROP ROLE kit_tuning_probe");
        }
    }

    @Test
    void aContentTypeOtherThanJsonIsRefusedAsByPgNet() {
        SQLException e = assertThrows(SQLException.class, () -> sql.execute(
                "SELECT net.http_post('http://127.0.0.1:9/x', '{}'::jsonb, '{}'::jsonb, '{\"Content-Type\": \"text/plain\"}'::jsonb)"));
        assertTrue(e.getMessage().contains("Content-Type"), e.getMessage());
    }
}
