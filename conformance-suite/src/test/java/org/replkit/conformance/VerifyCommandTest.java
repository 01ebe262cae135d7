package org.replkit.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.replkit.conformance.selftest.Fault;
import org.replkit.conformance.selftest.FaultyReceiver;
import picocli.CommandLine;

/** The kit verify contract other teams script against: options, exit codes, report files. */
class VerifyCommandTest {

    @TempDir
    Path reports;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void fewerExamples() {
        System.setProperty("kit.verify.examples", "8");
    }

    @AfterAll
    static void restore() {
        System.clearProperty("kit.verify.examples");
    }

    private int verify(String... args) {
        VerifyCommand command = new VerifyCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        // picocli reports an option it cannot convert on its own error stream: the same bytes here.
        return new CommandLine(command).setErr(new PrintWriter(err, true, StandardCharsets.UTF_8)).execute(args);
    }

    private String errText() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void noUrlVerifiesTheEmbeddedReferenceReceiversAndPasses() throws Exception {
        int code = verify("--report-dir", reports.toString());
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, text + errText());
        assertTrue(text.contains("embedded reference receivers"), text);
        for (String f : new String[] {"conformance.json", "junit.xml", "index.html", "badge.svg", "shields.json"}) {
            assertTrue(Files.size(reports.resolve(f)) > 50, f);
        }
        JsonNode json = ReportFiles.conformance(reports);
        assertEquals("passed", json.path("verdict").asText());
        JsonNode auth = find(json, "SYNC-AUTH-01", "patterns");
        assertEquals("passed", auth.path("outcome").asText(), "the embedded receivers run with a token, so auth is checked");
        assertEquals("inapplicable", find(json, "STAT-AUTH-01", "status").path("outcome").asText());
        // Without a sender database the status endpoint and E2E-01 are not judged, and the badge says so.
        assertTrue(Files.readString(reports.resolve("shields.json")).contains("core ✓ · 4 not judged"),
                Files.readString(reports.resolve("shields.json")));
        assertTrue(text.contains("Not judged (5 counted cases)"), text);
        assertTrue(Files.readString(reports.resolve("junit.xml")).contains("<testsuite"));
    }

    @Test
    void aBrokenReceiverExitsOneWithEvidence() throws Exception {
        try (FaultyReceiver r = FaultyReceiver.start(Set.of(Fault.STALE_OVERWRITE), null, null)) {
            int code = verify("--patterns-url", r.patternsUrl(), "--report-dir", reports.toString());
            assertEquals(1, code, errText());
        }
        JsonNode json = ReportFiles.conformance(reports);
        assertEquals("failed", json.path("verdict").asText());
        JsonNode stale = find(json, "SYNC-IDEM-03", "patterns");
        assertEquals("failed", stale.path("outcome").asText());
        assertTrue(stale.path("reason").asText().contains("Either this stale snapshot overwrote the newer one, or the"
                + " acknowledgement shows the delivered values"), stale.path("reason").asText());
        JsonNode evidence = stale.path("evidence").get(0);
        assertEquals("POST", evidence.path("request").path("method").asText());
        assertEquals(200, evidence.path("response").path("status").asInt());
        assertTrue(evidence.path("curl").asText().startsWith("curl -sS -i -X POST '" + "http://127.0.0.1:"),
                evidence.path("curl").asText());
        assertEquals("inapplicable", find(json, "MET-ACK-01", "metrics").path("outcome").asText(),
                "only the endpoints given are checked");
        assertTrue(Files.readString(reports.resolve("badge.svg")).contains("MUST"));
        assertTrue(Files.readString(reports.resolve("index.html")).contains("SYNC-IDEM-03"));
    }

    /** A status URL without the admin token can check nothing: a CI job must not go green on that. */
    @Test
    void aRunThatCouldCheckNothingExitsTwo() throws Exception {
        try (FaultyReceiver r = FaultyReceiver.start(Set.of(), null, "admin")) {
            int code = verify("--status-url", r.statusUrl(), "--report-dir", reports.toString());
            assertEquals(2, code, errText());
            assertTrue(errText().contains("nothing the core profile counts could be judged"), errText());
        }
        JsonNode json = ReportFiles.conformance(reports);
        assertEquals("cantTell", json.path("verdict").asText());
        assertTrue(errText().contains("could be judged"), errText());
        assertTrue(Files.readString(reports.resolve("badge.svg")).contains("nothing checked"));
    }

    @Test
    void aWrongUrlIsAUsageError() {
        assertEquals(2, verify("--patterns-url", "ftp://example/sync/patterns", "--report-dir", reports.toString()));
        assertTrue(errText().contains("not an http(s) URL"), errText());
        assertEquals(1, errText().strip().lines().count(), "one line: " + errText());
    }

    @Test
    void anUnknownProfileIsAUsageError() {
        assertEquals(2, verify("--profile", "lax", "--report-dir", reports.toString()));
        assertTrue(errText().contains("core or strict"), errText());
    }

    @Test
    void anUnreachableTargetExitsTwoWithOneLine() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        int code = verify("--patterns-url", "http://127.0.0.1:" + port + "/sync/patterns", "--report-dir", reports.toString());
        assertEquals(2, code);
        assertTrue(errText().startsWith("kit verify: cannot reach http://127.0.0.1:" + port), errText());
        assertEquals(1, errText().strip().lines().count(), errText());
        assertFalse(Files.exists(reports.resolve("conformance.json")), "no report for a run that did not happen");
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        assertEquals(2, verify("--patterns", "http://127.0.0.1:1/sync/patterns"));
    }

    @Test
    void onlyRunsTheNamedRequirements() throws Exception {
        int code = verify("--only", "SYNC-IDEM-01,sync-count-01", "--report-dir", reports.toString());
        assertEquals(0, code, out.toString(StandardCharsets.UTF_8) + errText());
        JsonNode json = ReportFiles.conformance(reports);
        assertEquals("passed", find(json, "SYNC-IDEM-01", "metrics").path("outcome").asText());
        assertEquals("passed", find(json, "SYNC-COUNT-01", "patterns").path("outcome").asText());
        JsonNode other = find(json, "SYNC-ACCEPT-01", "patterns");
        assertEquals("inapplicable", other.path("outcome").asText());
        assertTrue(other.path("reason").asText().contains("not selected"), other.toString());
    }

    @Test
    void theSeedIsPrintedEverywhere() throws Exception {
        int code = verify("--only", "SYNC-IDEM-01", "--seed", "4242", "--report-dir", reports.toString());
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, text + errText());
        assertEquals(4242, ReportFiles.conformance(reports).path("seed").asLong());
        assertTrue(text.contains("--seed 4242"), text);
        assertTrue(Files.readString(reports.resolve("index.html")).contains("--seed 4242"));
        assertTrue(Files.readString(reports.resolve("junit.xml")).contains("name=\"seed\" value=\"4242\""));
    }

    @Test
    void anUnknownRequirementInOnlyIsAUsageError() {
        assertEquals(2, verify("--only", "SYNC-NOPE-01", "--report-dir", reports.toString()));
        assertTrue(errText().contains("SYNC-NOPE-01"), errText());
        assertEquals(2, verify("--only", "SND-RETRY-01", "--report-dir", reports.toString()));
    }

    @Test
    void aBadMaxDurationIsAUsageError() {
        assertEquals(2, verify("--max-duration", "soon", "--report-dir", reports.toString()));
        assertTrue(errText().contains("--max-duration"), errText());
    }

    /**
     * Signed: the embedded receivers get the secret, every SIG-* rule is judged and passes. A canary token
     * and secret given to the run appear in no report file and nowhere in what the run printed.
     */
    @Test
    void aSigningSecretJudgesEverySigRuleAndNoOutputShowsItOrTheToken() throws Exception {
        String token = "canary-token-" + java.util.UUID.randomUUID();
        String key = java.util.Base64.getEncoder().encodeToString(("canary-" + java.util.UUID.randomUUID()).getBytes(StandardCharsets.UTF_8));
        int code = verify("--token", token, "--signing-secret", "whsec_" + key, "--report-dir", reports.toString());
        assertEquals(0, code, out.toString(StandardCharsets.UTF_8) + errText());
        JsonNode json = new ObjectMapper().readTree(reports.resolve("conformance.json").toFile());
        for (String id : new String[] {"SIG-REQ-01", "SIG-KEY-01", "SIG-BODY-01", "SIG-TIME-01", "SIG-ROT-01", "SIG-BYTES-01"}) {
            assertEquals("passed", find(json, id, "patterns").path("outcome").asText(), id);
        }
        StringBuilder everything = new StringBuilder(out.toString(StandardCharsets.UTF_8)).append(errText());
        try (java.util.stream.Stream<Path> files = Files.walk(reports)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                everything.append(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
            }
        }
        assertFalse(everything.toString().contains(token), "a report or the output shows the token");
        assertFalse(everything.toString().contains(key), "a report or the output shows the signing secret");
    }

    @Test
    void aSigningSecretThatIsNotWhsecBase64IsAUsageErrorThatDoesNotShowIt() {
        assertEquals(2, verify("--signing-secret", "whsec_c2hvcnQ=", "--report-dir", reports.toString()));
        assertTrue(errText().contains("--signing-secret: a signing secret must hold at least 24 bytes"), errText());
        assertFalse(errText().contains("c2hvcnQ"), errText());
    }

    @Test
    void withoutASigningSecretTheSigRulesAreInapplicable() throws Exception {
        try (FaultyReceiver r = FaultyReceiver.start(Set.of(), null, null)) {
            assertEquals(0, verify("--patterns-url", r.patternsUrl(), "--only", "SIG-REQ-01,SYNC-ACCEPT-01",
                    "--report-dir", reports.toString()), errText());
        }
        JsonNode json = new ObjectMapper().readTree(reports.resolve("conformance.json").toFile());
        JsonNode sig = find(json, "SIG-REQ-01", "patterns");
        assertEquals("inapplicable", sig.path("outcome").asText());
        assertTrue(sig.path("reason").asText().contains("--signing-secret"), sig.path("reason").asText());
    }

    private static JsonNode find(JsonNode json, String id, String endpoint) {
        for (JsonNode r : json.path("requirements")) {
            if (r.path("id").asText().equals(id) && r.path("endpoint").asText().equals(endpoint)) {
                return r;
            }
        }
        throw new AssertionError("no " + id + " [" + endpoint + "] in conformance.json");
    }
}
