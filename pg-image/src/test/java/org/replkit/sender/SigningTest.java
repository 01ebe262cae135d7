package org.replkit.sender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.replkit.sender.RecordingReceiver.Received;
import org.replkit.spec.SyncTable;
import org.replkit.spec.WebhookSignature;

/**
 * Signed deliveries (Standard Webhooks): the SQL signer reproduces the published vector, signs the very
 * bytes pg_net queues, signs each attempt afresh, sends both signatures during a rotation's overlap, and
 * a receiver written with Node's crypto (no code shared with the kit) verifies a committed row.
 */
class SigningTest {

    /** Standard Webhooks' published test vector (the Java verifier reproduces it too: WebhookSignatureTest). */
    static final String VECTOR_KEY = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final String VECTOR_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
    static final String SECRET = "whsec_" + java.util.Base64.getEncoder().encodeToString("kit-signing-test-key-32-bytes!!!".getBytes(StandardCharsets.UTF_8));
    static final String NEXT_SECRET = "whsec_" + java.util.Base64.getEncoder().encodeToString("kit-signing-next-key-32-bytes!!!".getBytes(StandardCharsets.UTF_8));
    private static final Duration SETTLE = Duration.ofSeconds(40);

    private SenderDatabase db;
    private SenderFixture sql;

    @BeforeEach
    void freshSender() {
        db = SharedSender.get();
        db.reset();
        db.setTiming(SenderTiming.FAST);
        sql = new SenderFixture(db);
    }

    @Test
    @Tag("SND-SIG-01")
    void theSqlSignerReproducesThePublishedVector() throws Exception {
        assertEquals(VECTOR_SIGNATURE, sql.text("SELECT replication.sign(?, 'msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, "
                + "'{\"test\": 2432232314}'::jsonb)", VECTOR_KEY));
    }

    @Test
    @Tag("SND-SIG-01")
    void aSecretThatIsNotWhsecBase64OfAtLeast24BytesIsRefusedWithoutBeingShown() {
        for (String bad : List.of("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "whsec_c2hvcnQ=", "whsec_@@not-base64@@")) {
            IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                    () -> db.registerInstance("bad-secret", "http://127.0.0.1:9/sync/patterns", SyncTable.PATTERNS, null, bad));
            assertTrue(e.getMessage().contains("signing secret"), e.getMessage());
            assertFalse(e.getMessage().contains(bad.substring(6)), "the error shows the secret: " + e.getMessage());
        }
    }

    /** Dispatch and pg_net's queue read in one transaction that is rolled back: nothing is sent. */
    @Test
    @Tag("SND-SIG-01")
    void theSignatureCoversTheExactBytesPgNetQueues() throws Exception {
        UUID instance = db.registerInstance("signed", "http://127.0.0.1:9/sync/patterns", SyncTable.PATTERNS, "tok", SECRET);
        try (Connection c = db.connection(); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            st.execute("SELECT pg_advisory_xact_lock(hashtext('replication.tick'))");
            st.execute("INSERT INTO approved_patterns (name, ecosystem, confidence, description, examples) VALUES "
                    + "('héllo ✓ \"quoted\"', 'elixir', 0.5, 'a, b: c', '{\"nested\": {\"k\": [1, 2.50, \"√\"]}}')");
            st.execute("SELECT replication.dispatch()");
            try (ResultSet rs = st.executeQuery("SELECT q.id, hq.headers->>'webhook-id', hq.headers->>'webhook-timestamp', "
                    + "hq.headers->>'webhook-signature', hq.body, q.payload::text FROM replication.replication_queue q "
                    + "JOIN net.http_request_queue hq ON hq.id = q.request_id WHERE q.instance_id = '" + instance + "'")) {
                assertTrue(rs.next(), "the item was handed to pg_net");
                assertEquals(String.valueOf(rs.getLong(1)), rs.getString(2), "webhook-id is the queue item's id");
                byte[] queued = rs.getBytes(5);
                assertEquals(rs.getString(6), new String(queued, StandardCharsets.UTF_8), "pg_net queues the jsonb's text");
                assertTrue(new String(queued, StandardCharsets.UTF_8).contains("\": "), "jsonb's text, not compact JSON");
                long ts = Long.parseLong(rs.getString(3));
                assertTrue(Math.abs(System.currentTimeMillis() / 1000 - ts) < 120, "webhook-timestamp is now: " + ts);
                assertEquals(WebhookSignature.fromSecret(SECRET).sign(rs.getString(2), ts, queued), rs.getString(4),
                        "the signature is that of the queued bytes");
            }
            c.rollback();
        }
    }

    @Test
    @Tag("SND-SIG-01")
    void eachAttemptIsSignedAfreshAndARotationSendsBothSignaturesDuringItsOverlap() throws Exception {
        try (RecordingReceiver r = new RecordingReceiver().answer(500)) {
            UUID instance = db.registerInstance("signed", r.url("/sync/patterns"), SyncTable.PATTERNS, null, SECRET);
            UUID pattern = sql.insertPattern("signed");
            List<Received> got = r.await(2, Duration.ofSeconds(20));
            assertEquals(got.get(0).header("webhook-id"), got.get(1).header("webhook-id"), "a retry keeps its webhook-id");
            for (Received attempt : got) {
                assertVerifies(SECRET, attempt, attempt.header("webhook-signature"));
            }
            assertTrue(Long.parseLong(got.get(1).header("webhook-timestamp")) >= Long.parseLong(got.get(0).header("webhook-timestamp")));
            db.awaitSettled(SETTLE);

            // Settled first, so every delivery from here on was signed after the rotation.
            int before = r.received().size();
            sql.execute("SELECT replication.rotate_signing_secret(?, ?, interval '1 hour')", instance, NEXT_SECRET);
            sql.updatePattern(pattern, 200);
            Received rotated = r.await(before + 1, Duration.ofSeconds(20)).get(before);
            String[] both = rotated.header("webhook-signature").split(" ");
            assertEquals(2, both.length, rotated.header("webhook-signature"));
            assertVerifies(NEXT_SECRET, rotated, both[0]);
            assertVerifies(SECRET, rotated, both[1]);

            db.awaitSettled(SETTLE);
            before = r.received().size();
            sql.execute("SELECT replication.rotate_signing_secret(?, ?, interval '0')", instance, SECRET);
            sql.updatePattern(pattern, 201);
            Received after = r.await(before + 1, Duration.ofSeconds(20)).get(before);
            assertEquals(1, after.header("webhook-signature").split(" ").length, "no overlap: one signature");
            assertVerifies(SECRET, after, after.header("webhook-signature"));
            db.awaitSettled(SETTLE);
        }
    }

    @Test
    @Tag("SND-SIG-01")
    void aSignedRowCommittedIntoTheSenderVerifiesAtAReceiverWrittenWithNodesCrypto() throws Exception {
        try (NodeReceiver node = NodeReceiver.start(SECRET)) {
            UUID instance = db.registerInstance("node", node.url(), SyncTable.PATTERNS, null, SECRET);
            sql.insertPattern("verified by node ✓");
            assertEquals(new QueueStats(0, 1, 0, 1), db.awaitSettled(SETTLE), "node answers 401 to a signature it cannot verify");
            long item = sql.items(instance).get(0).id();
            // Every attempt node saw (more than one if one timed out on a busy machine) verified.
            assertFalse(node.lines().isEmpty());
            assertEquals(List.of("verified " + item), node.lines().stream().distinct().toList());
        }
        // And a receiver with another secret refuses it: the check in node can fail.
        db.reset();
        db.setTiming(SenderTiming.FAST);
        try (NodeReceiver node = NodeReceiver.start(NEXT_SECRET)) {
            db.registerInstance("node", node.url(), SyncTable.PATTERNS, null, SECRET);
            sql.insertPattern("refused by node");
            assertEquals(new QueueStats(0, 0, 1, 1), db.awaitSettled(SETTLE));
            assertFalse(node.lines().isEmpty());
            assertEquals(List.of("refused no signature matches"), node.lines().stream().distinct().toList());
        }
    }

    /** A role that may use both schemas, as a monitoring role would, reads neither a token nor a secret. */
    @Test
    @Tag("SND-SEC-01")
    void tokensSecretsAndQueuedRequestsAreReadableByTheSchemasOwnerOnly() throws Exception {
        UUID instance = db.registerInstance("signed", "http://127.0.0.1:9/sync/patterns", SyncTable.PATTERNS, "canary-token", SECRET);
        String status = sql.text("SELECT replication.get_instance_status(?)::text", instance)
                + sql.text("SELECT replication.list_active_instances()::text");
        assertFalse(status.contains("canary-token") || status.contains(SECRET.substring(6)), status);
        assertTrue(status.contains("\"has_signing_secret\": true"), status);
        sql.executeAll("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'replkit_probe') "
                        + "THEN CREATE ROLE replkit_probe NOLOGIN; END IF; END $$",
                "GRANT USAGE ON SCHEMA replication, net TO replkit_probe");
        try {
            for (String read : List.of("SELECT auth_token FROM replication.instances",
                    "SELECT secret FROM replication.signing_secrets",
                    "SELECT headers FROM net.http_request_queue",
                    "SELECT replication.signature_headers('" + instance + "', 1, '{}'::jsonb)",
                    "SELECT replication.sign('" + SECRET + "', '1', 1, '{}'::jsonb)")) {
                try (Connection c = db.connection(); Statement st = c.createStatement()) {
                    st.execute("SET ROLE replkit_probe");
                    java.sql.SQLException e = org.junit.jupiter.api.Assertions.assertThrows(java.sql.SQLException.class,
                            () -> st.executeQuery(read), "another role could run: " + read);
                    assertEquals("42501", e.getSQLState(), read + ": " + e.getMessage());
                }
            }
        } finally {
            sql.executeAll("REVOKE USAGE ON SCHEMA replication, net FROM replkit_probe");
        }
    }

    private static void assertVerifies(String secret, Received r, String signature) {
        assertNotNull(signature, "no webhook-signature");
        assertTrue(WebhookSignature.fromSecret(secret).matchesAny(signature, r.header("webhook-id"),
                Long.parseLong(r.header("webhook-timestamp")), r.body().getBytes(StandardCharsets.UTF_8)),
                "signature " + signature + " does not verify");
    }

    /** node standard-webhooks-receiver.js, on a free loopback port; its stdout lines, one per request. */
    private static final class NodeReceiver implements AutoCloseable {
        private final Process process;
        private final List<String> lines = new CopyOnWriteArrayList<>();
        private final int port;

        private NodeReceiver(Process process) throws Exception {
            this.process = process;
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String first = out.readLine();
            if (first == null || !first.startsWith("listening ")) {
                process.destroyForcibly();
                throw new IllegalStateException("the node receiver did not start: " + first);
            }
            port = Integer.parseInt(first.substring("listening ".length()).trim());
            Thread reader = new Thread(() -> out.lines().forEach(lines::add), "node-receiver-out");
            reader.setDaemon(true);
            reader.start();
        }

        static NodeReceiver start(String secret) throws Exception {
            Path script = Path.of(SigningTest.class.getResource("/node/standard-webhooks-receiver.js").toURI());
            ProcessBuilder pb = new ProcessBuilder("node", script.toString()).redirectError(ProcessBuilder.Redirect.INHERIT);
            pb.environment().put("SIGNING_SECRET", secret);
            return new NodeReceiver(pb.start());
        }

        String url() {
            return "http://127.0.0.1:" + port + "/sync/patterns";
        }

        /** What node printed per request; waits up to 5 s for the first line, read by another thread. */
        List<String> lines() throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (lines.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            return List.copyOf(lines);
        }

        @Override
        public void close() throws Exception {
            process.getOutputStream().close();
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }
}
