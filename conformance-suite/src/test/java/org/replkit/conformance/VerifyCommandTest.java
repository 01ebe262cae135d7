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
        return new CommandLine(command).execute(args);
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
        JsonNode json = new ObjectMapper().readTree(reports.resolve("conformance.json").toFile());
        assertEquals("pass", json.path("verdict").asText());
        JsonNode auth = find(json, "SYNC-AUTH-01", "patterns");
        assertEquals("pass", auth.path("verdict").asText(), "the embedded receivers run with a token, so auth is checked");
        assertEquals("skipped", find(json, "STAT-AUTH-01", "status").path("verdict").asText());
        assertTrue(Files.readString(reports.resolve("shields.json")).contains("core ✓"));
        assertTrue(Files.readString(reports.resolve("junit.xml")).contains("<testsuite"));
    }

    @Test
    void aBrokenReceiverExitsOneWithEvidence() throws Exception {
        try (FaultyReceiver r = FaultyReceiver.start(Set.of(Fault.STALE_OVERWRITE), null, null)) {
            int code = verify("--patterns-url", r.patternsUrl(), "--report-dir", reports.toString());
            assertEquals(1, code, errText());
        }
        JsonNode json = new ObjectMapper().readTree(reports.resolve("conformance.json").toFile());
        assertEquals("fail", json.path("verdict").asText());
        JsonNode stale = find(json, "SYNC-IDEM-03", "patterns");
        assertEquals("fail", stale.path("verdict").asText());
        JsonNode evidence = stale.path("evidence").get(0);
        assertEquals("POST", evidence.path("request").path("method").asText());
        assertEquals(200, evidence.path("response").path("status").asInt());
        assertEquals("skipped", find(json, "MET-ACK-01", "metrics").path("verdict").asText(),
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
            assertTrue(errText().contains("nothing the core profile counts could be checked"), errText());
        }
        JsonNode json = new ObjectMapper().readTree(reports.resolve("conformance.json").toFile());
        assertEquals("nothing checked", json.path("verdict").asText());
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

    private static JsonNode find(JsonNode json, String id, String endpoint) {
        for (JsonNode r : json.path("requirements")) {
            if (r.path("id").asText().equals(id) && r.path("endpoint").asText().equals(endpoint)) {
                return r;
            }
        }
        throw new AssertionError("no " + id + " [" + endpoint + "] in conformance.json");
    }
}
