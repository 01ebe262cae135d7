package org.replkit.sender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.replkit.receivers.status.StatusServer;

/**
 * A sender database whose pg_cron or pg_net serves another database sends nothing and, left alone,
 * says nothing. The kit names the setting in one line: connect() refuses, ./kit sender status exits 1,
 * and the status endpoint reports the requests stalled in pg_net's queue as an error.
 */
class SetupCheckTest {

    private static final String MISCONFIGURED = "the sender database cannot send: ";

    /**
     * pg_cron in background-worker mode runs 5 jobs at once by default; the stand-in's coordinator and
     * four senders would take them all and no dispatch tick would start. Named in one line.
     */
    @Test
    @Tag("SND-CAD-01")
    void tooFewPgCronJobSlotsForTheStandInAreNamedInOneLine() {
        try (ChrootPostgres server = ChrootPostgres.start(Long.toString(ProcessHandle.current().pid()), false,
                "cron.use_background_workers = on\nmax_worker_processes = 16")) {
            IllegalStateException refused = assertThrows(IllegalStateException.class, () -> SenderDatabase.connect(server.jdbcUrl()));
            String message = refused.getMessage();
            assertTrue(message.startsWith(MISCONFIGURED + "cron.max_running_jobs is 5"), message);
            assertTrue(message.contains("set cron.max_running_jobs = 32"), message);
            assertFalse(message.contains("\n"), message);
        }
    }

    @Test
    @Tag("SND-CAD-01")
    void pgNetServingAnotherDatabaseIsNamedInOneLineAndItsStalledRequestsAreReported() throws Exception {
        // pg_net's default: its worker serves the database "postgres". The stand-in behaves alike.
        try (ChrootPostgres server = ChrootPostgres.start(Long.toString(ProcessHandle.current().pid()), false,
                "pg_net.database_name = 'postgres'");
             RecordingReceiver receiver = new RecordingReceiver()) {
            String url = server.jdbcUrl();
            IllegalStateException refused = assertThrows(IllegalStateException.class, () -> SenderDatabase.connect(url));
            String message = refused.getMessage();
            assertTrue(message.startsWith(MISCONFIGURED + "pg_net.database_name is 'postgres'"), message);
            assertTrue(message.contains("set pg_net.database_name = 'centralcloud'"), message);
            assertFalse(message.contains("\n"), message);

            SenderCli.Result status = SenderCli.run("status", "--jdbc-url", url);
            assertEquals(1, status.exit(), status.err());
            assertTrue(status.err().strip().startsWith("sender: pg_net.database_name is 'postgres'"), status.err());
            assertEquals(1, status.err().strip().lines().count(), status.err());

            // The schema was applied before the check; the stall it causes is visible at the status endpoint.
            try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
                st.execute("SELECT replication.configure(cadence_seconds => 1, timeout_ms => 500, stall_timeouts => 2)");
                st.execute("SELECT replication.register_instance('stuck', '" + receiver.url("/sync/patterns")
                        + "', 'approved_patterns')");
                st.execute("INSERT INTO approved_patterns (name, ecosystem, confidence) VALUES ('stuck', 'elixir', 0.5)");
            }
            String token = "admin-" + UUID.randomUUID();
            try (StatusServer endpoint = StatusServer.start("127.0.0.1", 0, url, token)) {
                JsonNode health = awaitHealthError(endpoint, token, "requests queued longer than 2 x the 500 ms timeout");
                assertFalse(health.get("ok").asBoolean());
                assertTrue(health.get("errors").get(0).asText().startsWith("pg_net.database_name is 'postgres'"));
            }
            assertEquals(0, receiver.received().size(), "nothing was sent, as with pg_net serving another database");

            try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
                st.execute("ALTER SYSTEM SET pg_net.database_name = 'centralcloud'");
                st.execute("SELECT pg_reload_conf()");
            }
            Thread.sleep(500); // the reload reaches the backends pg_cron starts from now on
            try (SenderDatabase db = SenderDatabase.connect(url)) {
                assertEquals(java.util.List.of(), db.healthErrors().stream().filter(e -> !e.contains("queued longer")).toList());
                assertEquals(1, receiver.await(1, Duration.ofSeconds(15)).size(), "the queued request goes out");
                db.awaitSettled(Duration.ofSeconds(15));
                assertEquals(java.util.List.of(), db.healthErrors());
            }
            assertEquals(0, SenderCli.run("status", "--jdbc-url", url).exit());
        }
    }

    @Test
    @Tag("SND-CAD-01")
    void pgCronServingAnotherDatabaseIsRefusedBeforeAnythingIsWritten() throws Exception {
        try (ChrootPostgres server = ChrootPostgres.start(Long.toString(ProcessHandle.current().pid()), false,
                "cron.database_name = 'postgres'")) {
            IllegalStateException refused = assertThrows(IllegalStateException.class,
                    () -> SenderDatabase.connect(server.jdbcUrl()));
            assertEquals(MISCONFIGURED + "cron.database_name is 'postgres' but the sender schema is in 'centralcloud': "
                    + "pg_cron runs no job here and nothing is sent; set cron.database_name = 'centralcloud' and restart "
                    + "Postgres", refused.getMessage());
            try (Connection c = DriverManager.getConnection(server.jdbcUrl()); Statement st = c.createStatement();
                 var rs = st.executeQuery("SELECT to_regnamespace('replication') IS NULL")) {
                rs.next();
                assertTrue(rs.getBoolean(1), "nothing was written");
            }
        }
    }

    private static JsonNode awaitHealthError(StatusServer endpoint, String token, String expected) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        JsonNode health = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(endpoint.url()))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), response.body());
            health = new ObjectMapper().readTree(response.body()).get("health");
            for (JsonNode e : health.get("errors")) {
                if (e.asText().contains(expected)) {
                    return health;
                }
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the status endpoint never reported '" + expected + "': " + health);
    }
}
