package org.replkit.sender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.replkit.receivers.status.StatusServer;
import org.replkit.spec.SyncTable;

/**
 * Status warns before the lag grows: the last minute's deliveries offered (rows committed x their
 * instances) against pg_net's pass capacity (pg_net.batch_size per max(1 s, pass p99)), and names who
 * sends. Judged by counts: rows committed far beyond a small batch size warn, a few rows do not.
 */
class PacingStatusTest {

    private static final String TOKEN = "admin-" + UUID.randomUUID();
    private static final ObjectMapper JSON = new ObjectMapper();

    private SenderDatabase db;
    private SenderFixture sql;

    @BeforeEach
    void sender() {
        db = SharedSender.get();
        db.reset();
        sql = new SenderFixture(db);
    }

    @Test
    @Tag("SND-STAT-01")
    void statusWarnsWhenTheCommitRateExceedsThePassCapacityAndNamesTheProvider() throws Exception {
        try (RecordingReceiver receiver = new RecordingReceiver();
             StatusServer status = StatusServer.start("127.0.0.1", 0, db.jdbcUrl(), TOKEN)) {
            db.setTuning(new SenderTuning(10_000, 5, 4)); // a capacity of at most 5 deliveries/s
            db.registerInstance("singularity-1", receiver.url("/sync/patterns"), SyncTable.PATTERNS);
            for (int i = 0; i < 5; i++) {
                sql.insertPattern("slow-enough-" + i);
            }
            JsonNode calm = pacing(status);
            assertEquals(0, calm.get("warnings").size(), calm.toString());
            assertEquals(5, calm.get("pgnet_batch_size").asInt());
            String provider = calm.get("provider").get("label").asText();
            assertTrue("pg_net".equals(db.netProvider()) ? provider.startsWith("pg_net 0.") : provider.contains("stand-in"), provider);

            // 600 rows in the last minute for one instance: 10 deliveries/s offered against at most 5/s.
            sql.execute("INSERT INTO approved_patterns (name, ecosystem, confidence) "
                    + "SELECT 'burst-' || g, 'elixir', 0.5 FROM generate_series(1, 600) g");
            JsonNode busy = pacing(status);
            assertEquals(1, busy.get("warnings").size(), busy.toString());
            String warning = busy.get("warnings").get(0).asText();
            assertTrue(warning.contains("pg_net.batch_size") && warning.contains("replication.configure(pgnet_batch_size =>"), warning);
            assertTrue(busy.get("offered_deliveries_per_second").asDouble() > busy.get("pass_capacity_per_second").asDouble());

            SenderCli.Result cli = SenderCli.run("status", "--jdbc-url", db.jdbcUrl());
            assertTrue(cli.out().contains("sender:   " + provider), cli.out());
            assertTrue(cli.out().contains("pass capacity"), cli.out());
            assertEquals(1, cli.err().lines().filter(l -> l.startsWith("sender: warning: ")).count(), cli.err());
            assertFalse(cli.err().lines().anyMatch(l -> l.startsWith("sender: warning: ") && l.contains("\n")));
        } finally {
            db.reset();
        }
    }

    private static JsonNode pacing(StatusServer status) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(status.url()))
                .header("Authorization", "Bearer " + TOKEN).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body()).get("pacing");
    }
}
