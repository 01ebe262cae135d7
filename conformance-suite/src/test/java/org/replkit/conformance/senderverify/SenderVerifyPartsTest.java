package org.replkit.conformance.senderverify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.replkit.conformance.records.Samples;
import org.replkit.conformance.model.EndpointKind;
import org.replkit.spec.SyncTable;
import picocli.CommandLine;

/** The parts of kit verify-sender that need no sender: canned requests, options, the SQL it writes. */
class SenderVerifyPartsTest {

    private static Arrival arrival(Map<String, String> headers, String body) {
        return new Arrival(SyncTable.PATTERNS, "http://127.0.0.1:1/sync/patterns", Instant.now(), 1, "POST", headers,
                body.getBytes(StandardCharsets.UTF_8), 200, "{}", 0);
    }

    private static Map<String, String> headers(UUID id, String event) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", "application/json");
        h.put("X-Sync-Event-Type", event);
        h.put("X-Sync-Table", "approved_patterns");
        h.put("X-Sync-Record-Id", id.toString());
        return h;
    }

    @Test
    void aRequestAsTheSpecSaysHasNoHeaderProblem() {
        UUID id = UUID.randomUUID();
        String body = Samples.record(EndpointKind.PATTERNS, id, Instant.now()).put("frequency", 1).toString();
        assertEquals(List.of(), HeadersScenario.problems(arrival(headers(id, "INSERT"), body), SyncTable.PATTERNS, id));
    }

    @Test
    void aBodySentAsAJsonStringAndAWrongEventTypeAreNamed() {
        UUID id = UUID.randomUUID();
        String row = Samples.record(EndpointKind.PATTERNS, id, Instant.now()).put("frequency", 1).toString();
        String asString = new com.fasterxml.jackson.databind.node.TextNode(row).toString();
        List<String> wrong = HeadersScenario.problems(arrival(headers(id, "approved_patterns"), asString), SyncTable.PATTERNS, id);
        assertEquals(2, wrong.size(), wrong.toString());
        assertTrue(wrong.get(0).startsWith("X-Sync-Event-Type is approved_patterns, expected INSERT"), wrong.toString());
        assertTrue(wrong.get(1).contains("JSON string"), wrong.toString());
        // The record is still found inside the string, so the receiver can script it and tell its version.
        assertEquals(1L, arrival(Map.of(), asString).version().orElseThrow());
        assertEquals(id.toString(), arrival(Map.of(), asString).recordId().orElseThrow());
    }

    @Test
    void writeSqlTakesKeyedStatementsWithBothPlaceholders() {
        UUID id = UUID.randomUUID();
        SenderTableWriter w = SenderTableWriter.with(List.of("patterns-update=UPDATE acme.patterns SET hits = {version} WHERE uid = '{id}'"));
        assertEquals("UPDATE acme.patterns SET hits = 2 WHERE uid = '" + id + "'", w.sql(SyncTable.PATTERNS, false, id, 2));
        assertTrue(w.sql(SyncTable.METRICS, true, id, 1).startsWith("INSERT INTO execution_metrics"));
        assertThrows(IllegalArgumentException.class, () -> SenderTableWriter.with(List.of("patterns-delete=DELETE {id} {version}")));
        assertThrows(IllegalArgumentException.class, () -> SenderTableWriter.with(List.of("metrics-insert=INSERT INTO x VALUES ('{id}')")));
    }

    @Test
    void timingsAreTheSpecsOrTheFastOnes() {
        assertEquals(Duration.ofSeconds(20), ExpectedTiming.parse("spec").backoff(3));
        assertEquals(Duration.ofSeconds(4), ExpectedTiming.parse("fast").backoff(5));
        assertEquals(Duration.ofSeconds(12), ExpectedTiming.parse("spec").arrivalBound());
        assertThrows(IllegalArgumentException.class, () -> ExpectedTiming.parse("slow"));
    }

    @Test
    void aPasswordNeverReachesAReport() {
        String shown = SenderUnderTest.redact("jdbc:postgresql://127.0.0.1:5432/kit?user=kit&password=s3cret");
        assertFalse(shown.contains("s3cret"), shown);
        assertFalse(SenderUnderTest.redact("jdbc:postgresql://kit:s3cret@127.0.0.1/kit").contains("s3cret"));
    }

    @Test
    void usageMistakesExit2WithOneLine() {
        assertEquals(2, run(Map.of()));
        assertEquals(2, run(Map.of(SenderVerifyCommand.SENDER_DB_ENV, "jdbc:postgresql://127.0.0.1:1/x"), "--timing", "slow"));
        assertEquals(2, run(Map.of(SenderVerifyCommand.SENDER_DB_ENV, "jdbc:postgresql://127.0.0.1:1/x"),
                "--register-sql", "SELECT 1", "--register-cmd", "true"));
        assertEquals(2, run(Map.of(SenderVerifyCommand.SENDER_DB_ENV, "jdbc:postgresql://127.0.0.1:1/x?password=s3cret")));
    }

    /** A secret that is no Standard Webhooks secret is a usage mistake, named without repeating it. */
    @Test
    void aMalformedSigningSecretExits2WithoutShowingIt() {
        Map<String, String> env = Map.of(SenderVerifyCommand.SENDER_DB_ENV, "jdbc:postgresql://127.0.0.1:1/x",
                SenderVerifyCommand.SIGNING_SECRET_ENV, "whsec_s3cret");
        assertEquals(2, run(env));
        assertTrue(lastOutput.startsWith("kit verify-sender: --signing-secret: a signing secret"), lastOutput);
        assertEquals(2, run(Map.of(SenderVerifyCommand.SENDER_DB_ENV, "jdbc:postgresql://127.0.0.1:1/x"),
                "--signing-secret", "s3cret"));
    }

    /** Signatures: a Standard Webhooks signature of the bytes received passes; another body's, or none, is named. */
    @Test
    void aSignatureOfAnotherBodyOrNoneIsNamed() {
        org.replkit.spec.WebhookSignature sig = org.replkit.spec.WebhookSignature.fromSecret(SenderRuns.CANARY_SECRET);
        UUID id = UUID.randomUUID();
        String body = "{\"id\": \"" + id + "\", \"frequency\": 1}";
        long now = Instant.now().getEpochSecond();
        Map<String, String> h = headers(id, "INSERT");
        h.put("webhook-id", "17");
        h.put("webhook-timestamp", Long.toString(now));
        h.put("webhook-signature", sig.sign("17", now, body.getBytes(StandardCharsets.UTF_8)));
        ExpectedTiming fast = ExpectedTiming.parse("fast");
        assertEquals(List.of(), SignatureScenario.problems(sig, arrival(h, body), null, fast));
        h.put("webhook-signature", sig.sign("17", now, "{}".getBytes(StandardCharsets.UTF_8)));
        List<String> wrong = SignatureScenario.problems(sig, arrival(h, body), null, fast);
        assertTrue(wrong.get(0).contains("no signature in webhook-signature matches"), wrong.toString());
        h.remove("webhook-signature");
        assertTrue(SignatureScenario.problems(sig, arrival(h, body), null, fast).get(0).contains("lacks webhook-signature"));
    }

    /** A reachable database that is no sender of the kit's (KIT_TEST_PG_URL): registering fails in one line, exit 2. */
    @Test
    void aRegistrationThatFailsStopsTheRunWithItsReason() {
        Map<String, String> env = Map.of(SenderVerifyCommand.SENDER_DB_ENV, ForeignSenderTest.pgUrl());
        assertEquals(2, run(env));
        assertTrue(lastOutput.contains("cannot register the kit's receivers with replication.register_instance"), lastOutput);
        assertEquals(2, run(env, "--register-cmd", "echo no such sender >&2; exit 3"));
        assertTrue(lastOutput.contains("--register-cmd exited 3: no such sender"), lastOutput);
    }

    private static String lastOutput;

    private static int run(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        int code = new CommandLine(new SenderVerifyCommand(print, print, env::get)).execute(args);
        String text = out.toString(StandardCharsets.UTF_8);
        lastOutput = text;
        assertEquals(1, text.strip().lines().count(), text);
        assertTrue(text.startsWith("kit verify-sender: "), text);
        assertFalse(text.contains("s3cret"), text);
        return code;
    }
}
