package org.replkit.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.replkit.conformance.fuzz.FuzzCommand;
import org.replkit.conformance.selftest.Fault;
import org.replkit.conformance.selftest.FaultyReceiver;
import org.replkit.receivers.testsupport.TestPostgres;
import picocli.CommandLine;

/** The kit fuzz contract: options, exit codes 0 / 1 / 2, the reports, no secret in any output. */
class FuzzCommandTest {

    @TempDir
    Path reports;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int fuzz(String... args) {
        return new CommandLine(new FuzzCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))).execute(args);
    }

    private int verify(String... args) {
        return new CommandLine(new VerifyCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))).execute(args);
    }

    private String terminal() {
        return out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
    }

    private JsonNode report(Path dir) throws Exception {
        return ReportFiles.fuzz(dir);
    }

    /** The page passes the same independent HTML checker as the conformance report. */
    private static void htmlValidate(Path page) throws Exception {
        Process p = new ProcessBuilder(ReportArtifactsTest.Tools.bin("html-validate").toString(), "--config",
                ReportArtifactsTest.Tools.HOME.resolve("htmlvalidate.json").toString(), page.toString())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS), "html-validate did not end");
        assertEquals(0, p.exitValue(), output);
    }

    @Test
    void noUrlFuzzesTheEmbeddedReferenceReceiversAndFindsNothing() throws Exception {
        int code = fuzz("--requests", "250", "--seed", "3", "--report-dir", reports.toString());
        assertEquals(0, code, terminal());
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("the embedded reference receivers (store: in-memory)"), text);
        assertTrue(text.contains("Verdict: NOTHING FOUND"), text);
        assertTrue(text.contains("100%"), "progress goes to the terminal: " + text);
        JsonNode json = report(reports);
        assertEquals("passed", json.path("verdict").asText());
        assertEquals(250, json.path("requests_sent").asInt());
        assertEquals(3, json.path("seed").asLong());
        assertEquals(0, json.path("findings").size());
        htmlValidate(reports.resolve("index.html"));
    }

    @Test
    void dbUrlPutsTheEmbeddedReceiversOnPostgresql() throws Exception {
        assertEquals(0, fuzz("--requests", "150", "--seed", "4", "--db-url", TestPostgres.freshSchemaUrl(),
                "--report-dir", reports.toString()), terminal());
        assertTrue(terminal().contains("(store: postgresql://127.0.0.1:"), terminal());
        assertFalse(Files.readString(reports.resolve("fuzz.json")).contains("jdbc:"), "the database URL is not in the report");
    }

    /**
     * The proof: a receiver that answers 500 when an integer field holds a number beyond 64
     * bits fails kit verify's SYNC-ERR-07, and kit fuzz finds it too, minimised, with a curl line.
     * Canary tokens go in; they come out nowhere.
     */
    @Test
    void aPlanted500OnIntegerOverflowIsCaughtByVerifyAndByFuzz() throws Exception {
        String token = "canary-" + UUID.randomUUID();
        Path verifyDir = reports.resolve("conformance");
        Path fuzzDir = reports.resolve("fuzz");
        try (FaultyReceiver r = FaultyReceiver.start(Set.of(Fault.ERROR_500_ON_OVERFLOW), token, null)) {
            assertEquals(1, verify("--patterns-url", r.patternsUrl(), "--metrics-url", r.metricsUrl(), "--token", token,
                    "--only", "SYNC-ERR-07", "--report-dir", verifyDir.toString()), terminal());
            assertEquals(1, fuzz("--patterns-url", r.patternsUrl(), "--metrics-url", r.metricsUrl(), "--token", token,
                    "--requests", "300", "--seed", "5", "--report-dir", fuzzDir.toString()), terminal());
        }
        JsonNode conformance = ReportFiles.conformance(verifyDir);
        boolean verifyFailed = false;
        for (JsonNode v : conformance.path("requirements")) {
            verifyFailed |= v.path("id").asText().equals("SYNC-ERR-07") && v.path("outcome").asText().equals("failed");
        }
        assertTrue(verifyFailed, "kit verify fails SYNC-ERR-07");

        JsonNode json = report(fuzzDir);
        assertEquals("failed", json.path("verdict").asText());
        JsonNode first = json.path("findings").get(0);
        assertEquals("server_error", first.path("kind").asText(), first.toString());
        assertEquals("SYNC-ERR-07", first.path("requirement").asText());
        assertEquals("MUST", first.path("level").asText());
        assertEquals(500, first.path("response").path("status").asInt());
        assertTrue(first.path("minimised").asBoolean());
        assertTrue(first.path("curl").asText().startsWith("curl -sS -i -X POST"), first.path("curl").asText());
        assertTrue(first.path("curl").asText().contains("Bearer $KIT_TOKEN"), first.path("curl").asText());
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("Reproduce with: curl"), text);
        assertTrue(text.contains("Verdict: FINDINGS"), text);

        assertFalse(terminal().contains(token), "the terminal shows the token");
        try (Stream<Path> files = Files.walk(reports)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertFalse(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1).contains(token), f + " contains the token");
            }
        }
        htmlValidate(fuzzDir.resolve("index.html"));
    }

    @Test
    void theSameSeedSendsTheSameCampaign() throws Exception {
        Path a = reports.resolve("a");
        Path b = reports.resolve("b");
        assertEquals(0, fuzz("--requests", "150", "--seed", "11", "--report-dir", a.toString()), terminal());
        assertEquals(0, fuzz("--requests", "150", "--seed", "11", "--report-dir", b.toString()), terminal());
        for (String field : List.of("answers", "expected", "generators")) {
            assertEquals(report(a).path(field), report(b).path(field), field);
        }
    }

    @Test
    void anUnreachableTargetIsExitTwoWithOneLine() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        assertEquals(2, fuzz("--patterns-url", "http://127.0.0.1:" + port + "/sync/patterns", "--report-dir", reports.toString()));
        String e = err.toString(StandardCharsets.UTF_8).strip();
        assertTrue(e.startsWith("kit fuzz: cannot reach http://127.0.0.1:" + port), e);
        assertEquals(1, e.lines().count(), e);
        assertFalse(Files.exists(reports.resolve("fuzz.json")), "no report for a run that could not start");
    }

    @Test
    void usageErrorsAreExitTwoWithOneLine() {
        List<List<String>> wrong = List.of(
                List.of("--requests", "0"),
                List.of("--duration", "soon"),
                List.of("--patterns-url", "ftp://127.0.0.1/x"),
                List.of("--patterns-url", "http://127.0.0.1:1/sync/patterns", "--db-url", "jdbc:postgresql://127.0.0.1:1/x"),
                List.of("--no-such-option"));
        for (List<String> args : wrong) {
            err.reset();
            assertEquals(2, fuzz(args.toArray(String[]::new)), args.toString());
            assertFalse(err.toString(StandardCharsets.UTF_8).contains("\tat "), "no stack trace: " + err);
        }
    }

    @Test
    void anUnreachableDatabaseForTheEmbeddedReceiversIsExitTwo() {
        assertEquals(2, fuzz("--db-url", "jdbc:postgresql://127.0.0.1:1/none?user=kit", "--report-dir", reports.toString()));
        String e = err.toString(StandardCharsets.UTF_8).strip();
        assertTrue(e.startsWith("kit fuzz: cannot start the embedded reference receivers"), e);
        assertEquals(1, e.lines().count(), e);
    }
}
