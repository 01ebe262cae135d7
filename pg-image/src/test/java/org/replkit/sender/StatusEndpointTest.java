package org.replkit.sender;

import org.replkit.spec.SyncTable;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.replkit.receivers.status.StatusServer;
import org.replkit.spec.SchemaValidator;
import org.replkit.spec.SpecSchema;

/** GET /admin/replication/status against a live sender database. */
class StatusEndpointTest {

    private static final String TOKEN = "admin-" + UUID.randomUUID();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private SenderDatabase db;
    private SenderFixture sql;
    private StatusServer status;

    @BeforeEach
    void start() {
        db = SharedSender.get();
        db.reset();
        db.setTiming(SenderTiming.FAST);
        sql = new SenderFixture(db);
        status = StatusServer.start("127.0.0.1", 0, db.jdbcUrl(), TOKEN);
    }

    @AfterEach
    void stop() {
        status.close();
    }

    @Test
    @Tag("STAT-SCHEMA-01")
    @Tag("STAT-FIG-01")
    @Tag("SND-STAT-01")
    void theFiguresEqualTheQueueAndTheDocumentHasTheSpecShape() throws Exception {
        try (RecordingReceiver ok = new RecordingReceiver(); RecordingReceiver rejecting = new RecordingReceiver().answer(400, 400)) {
            db.registerInstance("singularity-prod-1", ok.url("/sync/patterns"), SyncTable.PATTERNS, "s3cret");
            db.registerInstance("singularity-prod-2", rejecting.url("/sync/patterns"), SyncTable.PATTERNS);
            sql.insertPattern("a");
            sql.insertPattern("b");
            QueueStats queue = db.awaitSettled(Duration.ofSeconds(30));

            HttpResponse<String> response = get(status.url(), "Bearer " + TOKEN);
            assertEquals(200, response.statusCode());
            assertEquals(List.of(), new SchemaValidator().violations(SpecSchema.STATUS_RESPONSE, response.body()));
            JsonNode body = JSON.readTree(response.body());
            JsonNode stats = body.get("queue_stats");
            assertEquals(queue.pending(), stats.get("pending").asLong());
            assertEquals(queue.success(), stats.get("success").asLong());
            assertEquals(queue.failed(), stats.get("failed").asLong());
            assertEquals(queue.total(), stats.get("total").asLong());
            assertEquals(new QueueStats(0, 2, 2, 4), queue);
            assertTrue(body.get("replication_enabled").asBoolean());
            assertEquals(1, body.get("replication_interval_seconds").asInt());

            JsonNode instances = body.get("instances");
            assertEquals(2, instances.size());
            JsonNode second = instances.get(1);
            assertEquals("singularity-prod-2", second.get("instance_name").asText());
            assertEquals(0, second.get("success_count").asInt());
            assertEquals(2, second.get("error_count").asInt());
            assertTrue(second.get("last_error").asText().startsWith("HTTP 400"));
            assertFalse(response.body().contains("s3cret"), "a receiver's token is never shown");
            assertFalse(instances.get(0).has("auth_token"));
        }
    }

    /** A paused instance, as the status document (additive fields) and GET /metrics show it. */
    @Test
    @Tag("SND-PAUSE-01")
    @Tag("STAT-SCHEMA-01")
    void aPausedInstanceShowsItsStateBacklogAndOldestPendingInStatusAndMetrics() throws Exception {
        sql.execute("SELECT replication.configure(probe_max_seconds => 4)");
        try (RecordingReceiver ok = new RecordingReceiver()) {
            db.registerInstance("singularity-up", ok.url("/sync/patterns"), SyncTable.PATTERNS);
            UUID down = db.registerInstance("singularity \"down\"",
                    "http://127.0.0.1:" + DeliveryTest.closedPort() + "/sync/patterns", SyncTable.PATTERNS);
            sql.insertPattern("a");
            sql.insertPattern("b");
            new OutageScenarios(db).awaitState(down, "paused", Duration.ofSeconds(20));

            HttpResponse<String> response = get(status.url(), "Bearer " + TOKEN);
            assertEquals(List.of(), new SchemaValidator().violations(SpecSchema.STATUS_RESPONSE, response.body()));
            JsonNode instances = JSON.readTree(response.body()).get("instances");
            JsonNode paused = instances.get(0).get("instance_name").asText().equals("singularity-up") ? instances.get(1) : instances.get(0);
            assertEquals("paused", paused.get("state").asText());
            assertFalse(paused.get("paused_since").isNull());
            assertEquals(2, paused.get("backlog").asInt());
            assertFalse(paused.get("oldest_pending_at").isNull());
            assertTrue(paused.get("deactivated_reason").isNull());

            HttpResponse<String> metrics = get(status.url().replace(StatusServer.PATH, StatusServer.METRICS_PATH), "Bearer " + TOKEN);
            assertEquals(200, metrics.statusCode());
            assertTrue(metrics.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
            String labels = "{instance_id=\"" + down + "\",instance_name=\"singularity \\\"down\\\"\"}";
            assertTrue(metrics.body().contains("replication_backlog_items" + labels + " 2\n"), metrics.body());
            assertTrue(metrics.body().contains("replication_instance_paused" + labels + " 1\n"), metrics.body());
            assertTrue(metrics.body().contains("replication_paused_instances 1\n"), metrics.body());
            assertTrue(metrics.body().contains("# TYPE replication_oldest_pending_age_seconds gauge"), metrics.body());
            assertEquals(401, get(status.url().replace(StatusServer.PATH, StatusServer.METRICS_PATH), null).statusCode());

            SenderCli.Result cli = SenderCli.run("status", "--jdbc-url", db.jdbcUrl());
            assertEquals(0, cli.exit(), "a paused receiver is a warning, not a fault of the sender: " + cli.err());
            assertTrue(cli.out().contains("singularity \"down\"  state=paused backlog=2"), cli.out());
            assertTrue(cli.err().contains("warning: instance singularity \"down\" is paused since "), cli.err());
            assertFalse(cli.err().contains("warning: instance singularity-up"), cli.err());
        }
    }

    @Test
    @Tag("STAT-AUTH-01")
    void withoutOrWithAWrongAdminTokenTheAnswerIs401WithTheErrorBody() throws Exception {
        for (String authorization : new String[] {null, "Bearer wrong", "Bearer " + TOKEN + "x", TOKEN, "Basic " + TOKEN, "Bearer "}) {
            HttpResponse<String> response = get(status.url(), authorization);
            assertEquals(401, response.statusCode(), "Authorization: " + authorization);
            assertErrorBody(response, "unauthorized");
        }
        assertEquals(200, get(status.url(), "Bearer " + TOKEN).statusCode());
    }

    @Test
    @Tag("STAT-AUTH-01")
    void aDatabaseThatIsDownGives503WithTheErrorBodyAndNoStackTrace() throws Exception {
        String nowhere = "jdbc:postgresql://127.0.0.1:" + DeliveryTest.closedPort() + "/centralcloud?user=postgres";
        try (StatusServer orphan = StatusServer.start("127.0.0.1", 0, nowhere, TOKEN)) {
            HttpResponse<String> response = get(orphan.url(), "Bearer " + TOKEN);
            assertEquals(503, response.statusCode());
            assertErrorBody(response, "database_unavailable");
            // The token is checked before the database is asked.
            assertEquals(401, get(orphan.url(), "Bearer nope").statusCode());
        }
    }

    @Test
    void otherPathsAndMethodsGetTheErrorBodyToo() throws Exception {
        HttpResponse<String> notFound = get(status.url().replace("/status", "/nothing"), "Bearer " + TOKEN);
        assertEquals(404, notFound.statusCode());
        assertErrorBody(notFound, "not_found");
        HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(URI.create(status.url()))
                .header("Authorization", "Bearer " + TOKEN).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(405, post.statusCode());
        assertErrorBody(post, "method_not_allowed");
    }

    private static void assertErrorBody(HttpResponse<String> response, String error) throws Exception {
        assertEquals(List.of(), new SchemaValidator().violations(SpecSchema.ERROR, response.body()), response.body());
        JsonNode body = JSON.readTree(response.body());
        assertEquals("error", body.get("status").asText());
        assertEquals(error, body.get("error").asText());
        assertFalse(response.body().contains("Exception") || response.body().contains("\tat "), response.body());
    }

    private static HttpResponse<String> get(String url, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
