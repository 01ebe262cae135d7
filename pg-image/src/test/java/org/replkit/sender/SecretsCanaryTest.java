package org.replkit.sender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.replkit.receivers.status.StatusServer;
import org.replkit.spec.SyncTable;

/**
 * A canary token and a canary signing secret travel through the whole sender (registration, a failed
 * and a retried signed delivery, a rotation, a refused secret) and then every output is searched for
 * them: kit sender status, the status endpoint, the status functions, the audit trail and the
 * database server's log. The receiver did get the token, so the canary really went through.
 */
class SecretsCanaryTest {

    private static final String TOKEN = "canary-token-" + UUID.randomUUID();
    private static final String SECRET_KEY = Base64.getEncoder().encodeToString(("canary-" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8));
    private static final String SECRET = "whsec_" + SECRET_KEY;
    private static final String NEXT_KEY = Base64.getEncoder().encodeToString(("canary-next-" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8));
    private static final String REFUSED_KEY = Base64.getEncoder().encodeToString("canary-short".getBytes(StandardCharsets.UTF_8));

    @Test
    @Tag("SND-SEC-01")
    void noOutputOfTheSenderHoldsATokenOrSigningSecret() throws Exception {
        SenderDatabase db = SharedSender.get();
        db.reset();
        db.setTiming(SenderTiming.FAST);
        SenderFixture sql = new SenderFixture(db);
        Map<String, String> outputs = new LinkedHashMap<>();
        try (RecordingReceiver receiver = new RecordingReceiver().answer(500)) {
            UUID instance = db.registerInstance("canary", receiver.url("/sync/patterns"), SyncTable.PATTERNS, TOKEN, SECRET);
            assertThrows(IllegalStateException.class, () -> db.registerInstance("refused", receiver.url("/sync/patterns"),
                    SyncTable.PATTERNS, TOKEN, "whsec_" + REFUSED_KEY));
            sql.insertPattern("canary");
            receiver.await(2, Duration.ofSeconds(20));
            sql.execute("SELECT replication.rotate_signing_secret(?, ?, interval '1 hour')", instance, "whsec_" + NEXT_KEY);
            assertEquals(new QueueStats(0, 1, 0, 1), db.awaitSettled(Duration.ofSeconds(40)));
            assertEquals("Bearer " + TOKEN, receiver.received().get(0).header("Authorization"), "the canary went through");

            SenderCli.Result status = SenderCli.run("status", "--jdbc-url", db.jdbcUrl());
            outputs.put("kit sender status", status.out() + status.err());
            String admin = "admin-" + UUID.randomUUID();
            try (StatusServer endpoint = StatusServer.start("127.0.0.1", 0, db.jdbcUrl(), admin)) {
                HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(endpoint.url()))
                        .header("Authorization", "Bearer " + admin).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, r.statusCode(), r.body());
                outputs.put("the status endpoint", r.body());
            }
            outputs.put("replication.get_instance_status", sql.text("SELECT replication.get_instance_status(?)::text", instance));
            outputs.put("replication.list_active_instances", sql.text("SELECT replication.list_active_instances()::text"));
            outputs.put("replication.health", sql.text("SELECT replication.health()::text"));
            outputs.put("the audit trail", sql.text("SELECT string_agg(concat_ws(' ', q.last_error, a.error), ' ') "
                    + "FROM replication.replication_queue q JOIN replication.delivery_attempts a ON a.queue_id = q.id"));
        }
        outputs.put("the database server's log", db.serverLog());
        if (!"external".equals(db.kind())) {
            assertTrue(db.serverLog().contains("signing secret must hold at least 24 bytes"),
                    "the refused registration is in the server's log, so the log was searched");
        }
        for (Map.Entry<String, String> output : outputs.entrySet()) {
            String text = String.valueOf(output.getValue());
            for (String canary : List.of(TOKEN, SECRET_KEY, NEXT_KEY, REFUSED_KEY)) {
                assertTrue(!text.contains(canary), output.getKey() + " shows a secret: " + text);
            }
        }
        assertTrue(outputs.get("kit sender status").contains("canary"), outputs.get("kit sender status"));
    }
}
