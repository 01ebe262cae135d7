package org.replkit.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.replkit.conformance.selftest.Fault;
import org.replkit.conformance.selftest.FaultyReceiver;
import picocli.CommandLine;

/**
 * The files a CI job keeps, read the way other tools read them: no secret in any of them or on the
 * terminal, junit.xml counts equal to the verdict as a JUnit parser sees them, an HTML page a
 * validator accepts, and a baseline that lets a team go green on known failures only.
 */
class ReportArtifactsTest {

    @TempDir
    Path reports;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void fewerExamples() {
        System.setProperty("kit.verify.examples", "5");
    }

    @AfterAll
    static void restore() {
        System.clearProperty("kit.verify.examples");
    }

    private int verify(String... args) {
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        return new CommandLine(new VerifyCommand(o, e)).execute(args);
    }

    private String terminal() {
        return out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
    }

    /** Canary tokens go in; they must not come out anywhere: report files, bodies, baseline, terminal. */
    @Test
    void noSecretReachesAnyOutput() throws Exception {
        String token = "canary-" + UUID.randomUUID();
        String admin = "canary-admin-" + UUID.randomUUID();
        Path baseline = reports.resolve("baseline.json");
        try (FaultyReceiver r = FaultyReceiver.start(Set.of(Fault.IGNORES_TOKEN, Fault.STATUS_WITHOUT_AUTH), token, admin)) {
            int code = verify("--patterns-url", r.patternsUrl(), "--status-url", r.statusUrl(), "--token", token,
                    "--admin-token", admin, "--profile", "strict", "--report-dir", reports.toString(),
                    "--write-baseline", baseline.toString());
            assertEquals(1, code, terminal());
        }
        assertFalse(terminal().contains(token) || terminal().contains(admin), "the terminal shows a token");
        try (Stream<Path> files = Files.walk(reports)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                assertFalse(text.contains(token), f + " contains the receiver token");
                assertFalse(text.contains(admin), f + " contains the admin token");
            }
        }
        String json = ReportFiles.conformance(reports).toString();
        assertTrue(json.contains("$KIT_TOKEN"), "curl lines name the token as $KIT_TOKEN");
    }

    /** junit.xml read by junitparser, as CI tools read it: its counts are the verdict's. */
    @Test
    void junitXmlCountsEqualTheVerdictAsAJunitParserReadsThem() throws Exception {
        try (FaultyReceiver r = FaultyReceiver.start(Set.of(Fault.STALE_OVERWRITE, Fault.REQUIRES_SYNC_HEADERS), null, null)) {
            assertEquals(1, verify("--patterns-url", r.patternsUrl(), "--report-dir", reports.toString()), terminal());
        }
        JsonNode cases = ReportFiles.conformance(reports).path("cases");
        String counted = run(List.of("/usr/bin/python3", "-c", String.join("\n",
                "import sys, junitparser",
                "xml = junitparser.JUnitXml.fromfile(sys.argv[1])",
                "tests = failures = skipped = errors = 0",
                "names = []",
                "for suite in xml:",
                "    for case in suite:",
                "        tests += 1",
                "        kinds = [type(r).__name__ for r in case.result]",
                "        failures += kinds.count('Failure'); skipped += kinds.count('Skipped'); errors += kinds.count('Error')",
                "        names.append(case.classname + ' ' + case.name)",
                "print(tests, failures, skipped, errors)",
                "print('\\n'.join(names))"), reports.resolve("junit.xml").toString()));
        String[] figures = counted.lines().findFirst().orElseThrow().split(" ");
        assertEquals(cases.path("tests").asInt(), Integer.parseInt(figures[0]), counted);
        assertEquals(cases.path("failures").asInt(), Integer.parseInt(figures[1]), counted);
        assertEquals(cases.path("skipped").asInt(), Integer.parseInt(figures[2]), counted);
        assertEquals(0, Integer.parseInt(figures[3]), counted);
        assertTrue(counted.contains("replication.SYNC-IDEM SYNC-IDEM-03 [patterns] A stale snapshot"), counted);
        // A SHOULD the core profile does not count is a skip, not a failure.
        String xml = Files.readString(reports.resolve("junit.xml"));
        assertTrue(xml.contains("SHOULD, not counted by core"), xml);
        assertFalse(xml.contains("java.class.path") || xml.contains("sun.java.command"), "no JVM properties");
        assertTrue(xml.contains("Reproduce with: curl -sS -i -X POST"), "failures carry a curl line");
    }

    @Test
    void theHtmlReportPassesAnHtmlValidator() throws Exception {
        try (FaultyReceiver r = FaultyReceiver.start(Set.of(Fault.STALE_OVERWRITE, Fault.LEAKS_STACK_TRACE), null, null)) {
            assertEquals(1, verify("--patterns-url", r.patternsUrl(), "--profile", "strict", "--report-dir", reports.toString()),
                    terminal());
        }
        String html = Files.readString(reports.resolve("index.html"));
        // MUST failures come first, then SHOULD failures, then what was not judged.
        int must = html.indexOf("<h2>MUST failures");
        int should = html.indexOf("<h2>SHOULD failures");
        int notJudged = html.indexOf("<h2>Not judged");
        assertTrue(must > 0 && must < should && should < notJudged, "section order: " + must + " " + should + " " + notJudged);
        run(List.of(Tools.bin("html-validate").toString(), "--config", Tools.HOME.resolve("htmlvalidate.json").toString(),
                reports.resolve("index.html").toString()));
    }

    /** A team adopts the kit with a baseline of its known failures: green on those, red on anything new. */
    @Test
    void aBaselineListsKnownFailuresNewOnesStillFailAndFixedOnesAreReported() throws Exception {
        Path baseline = reports.resolve("baseline.json");
        try (FaultyReceiver r = FaultyReceiver.start(Set.of(Fault.STALE_OVERWRITE), null, null)) {
            String url = r.patternsUrl();
            assertEquals(1, verify("--patterns-url", url, "--only", "SYNC-IDEM-03,SYNC-IDEM-01", "--write-baseline",
                    baseline.toString(), "--report-dir", reports.toString()), terminal());
            JsonNode written = new ObjectMapper().readTree(baseline.toFile());
            assertEquals("SYNC-IDEM-03", written.path("expected_failures").get(0).path("id").asText());
            assertEquals(0, verify("--patterns-url", url, "--only", "SYNC-IDEM-03,SYNC-IDEM-01", "--baseline",
                    baseline.toString(), "--report-dir", reports.toString()), terminal());
            assertTrue(terminal().contains("Baseline: 1 known failure(s), not failing the run: SYNC-IDEM-03 [patterns]"),
                    terminal());
            assertTrue(Files.readString(reports.resolve("shields.json")).contains("baselined"));
            assertTrue(ReportFiles.conformance(reports).has("baseline"));
        }
        // The same baseline against a receiver that has fixed it: reported as fixed; --strict-baseline fails.
        try (FaultyReceiver r = FaultyReceiver.correct(null, null)) {
            assertEquals(0, verify("--patterns-url", r.patternsUrl(), "--only", "SYNC-IDEM-03", "--baseline",
                    baseline.toString(), "--report-dir", reports.toString()), terminal());
            assertTrue(terminal().contains("fixed: SYNC-IDEM-03 [patterns] passed: remove it from the baseline"), terminal());
            assertEquals(1, verify("--patterns-url", r.patternsUrl(), "--only", "SYNC-IDEM-03", "--baseline",
                    baseline.toString(), "--strict-baseline", "--report-dir", reports.toString()), terminal());
        }
        // A failure the baseline does not list fails the run.
        try (FaultyReceiver r = FaultyReceiver.start(Set.of(Fault.STALE_OVERWRITE, Fault.NOT_IDEMPOTENT), null, null)) {
            assertEquals(1, verify("--patterns-url", r.patternsUrl(), "--only", "SYNC-IDEM-03,SYNC-IDEM-01", "--baseline",
                    baseline.toString(), "--report-dir", reports.toString()), terminal());
        }
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "timed out: " + command);
        assertEquals(0, p.exitValue(), String.join(" ", command) + "\n" + output);
        return output;
    }

    /** The independent checkers tools/bin/ci-prepare.sh installs. */
    static final class Tools {
        static final Path HOME = Paths.get("..", "tools").toAbsolutePath().normalize();

        static Path bin(String name) {
            Path p = HOME.resolve("node_modules").resolve(".bin").resolve(name);
            assertTrue(Files.isExecutable(p), name + " is not installed: run tools/bin/ci-prepare.sh");
            return p;
        }
    }
}
