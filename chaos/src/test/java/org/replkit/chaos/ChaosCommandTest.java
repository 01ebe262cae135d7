package org.replkit.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.replkit.chaos.nemesis.FaultKind;
import org.replkit.chaos.report.SummaryFile;
import org.replkit.sender.SenderTiming;
import picocli.CommandLine;

/** The command line: defaults, usage errors as one line and exit 2, and a run that cannot be done says so. */
class ChaosCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        ChaosCommand command = new ChaosCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        CommandLine cli = new CommandLine(command);
        cli.setErr(new java.io.PrintWriter(new java.io.OutputStreamWriter(err, StandardCharsets.UTF_8), true));
        return cli.execute(args);
    }

    @Test
    void theDefaultsAreSevenMinutesAtTwentyRowsPerSecondAtTheSpecsTimingWithEveryFault() {
        ChaosCommand c = new ChaosCommand();
        new CommandLine(c).parseArgs();
        ChaosSettings s = c.settings();
        assertEquals(420, s.duration().toSeconds());
        assertEquals(ChaosSettings.OutagePolicy.PAUSE, s.outagePolicy());
        assertEquals(0, s.fanOut());
        assertEquals(20, s.rowsPerSecond());
        assertEquals(SenderTiming.SPEC, s.timing());
        assertEquals(EnumSet.allOf(FaultKind.class), s.faults());
        assertEquals(ChaosSettings.Receiver.REFERENCE_POSTGRES, s.receiver());
        assertTrue(s.reportDir().endsWith(Path.of("reports", "chaos")), s.reportDir().toString());
    }

    @Test
    void theSettingsPrintNeitherTheSigningSecretNorTheDatabasePassword() {
        ChaosCommand c = new ChaosCommand();
        new CommandLine(c).parseArgs("--signing-secret", "whsec_Q2FuYXJ5U2VjcmV0Q2FuYXJ5U2VjcmV0",
                "--receiver-db-url", "jdbc:postgresql://127.0.0.1:5432/kit?user=kit&password=canary-pw-7f3a");
        String printed = c.settings().toString();
        assertTrue(!printed.contains("Q2FuYXJ5") && !printed.contains("canary-pw-7f3a"), printed);
        assertTrue(printed.contains("signed=true"), printed);
    }

    @Test
    void optionsNameTheFaultsTheTimingAndTheSeed() {
        ChaosCommand c = new ChaosCommand();
        new CommandLine(c).parseArgs("--faults", "lost-ack,503", "--timing", "fast", "--seed", "99", "--receiver", "reference-memory");
        ChaosSettings s = c.settings();
        assertEquals(EnumSet.of(FaultKind.LOST_ACK, FaultKind.UNAVAILABLE), s.faults());
        assertEquals(SenderTiming.FAST, s.timing());
        assertEquals(99, s.seed());
        assertEquals(ChaosSettings.Receiver.REFERENCE_MEMORY, s.receiver());
    }

    @Test
    void theOutageFaultsThePolicyAndTheFanOutAreChosenByName() {
        ChaosCommand c = new ChaosCommand();
        new CommandLine(c).parseArgs("--faults", "long-outage,overload,gone", "--timing", "fast", "--outage-policy", "fail",
                "--fan-out", "10");
        ChaosSettings s = c.settings();
        assertEquals(EnumSet.of(FaultKind.LONG_OUTAGE, FaultKind.OVERLOAD, FaultKind.GONE), s.faults());
        assertEquals(ChaosSettings.OutagePolicy.FAIL, s.outagePolicy());
        assertEquals(10, s.fanOut());
        assertEquals(ChaosSettings.DEFAULT_FAST_DURATION, s.duration(), "a fast run's default length");
    }

    @Test
    void anUnknownOutagePolicyOrATooSmallFanOutIsAUsageError() {
        assertEquals(2, run("--outage-policy", "retry"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--outage-policy must be pause or fail"));
        assertEquals(2, run("--fan-out", "2"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("3 to 20 instances"), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void anUnknownFaultIsAUsageErrorWithTheKnownOnesListed() {
        assertEquals(2, run("--faults", "latency,earthquake"));
        String e = err.toString(StandardCharsets.UTF_8).strip();
        assertEquals(1, e.lines().count(), e);
        assertTrue(e.contains("earthquake") && e.contains("black-hole"), e);
    }

    @Test
    void receiversOffLoopbackAreRefused() {
        assertEquals(2, run("--patterns-url", "http://192.0.2.10:4000/sync/patterns", "--metrics-url", "http://127.0.0.1:4000/sync/metrics"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("loopback"));
    }

    @Test
    void aPatternsUrlWithoutAMetricsUrlIsAUsageError() {
        assertEquals(2, run("--patterns-url", "http://127.0.0.1:4000/sync/patterns"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("go together"));
    }

    @Test
    void aSigningSecretSignsTheRun() {
        ChaosCommand c = new ChaosCommand();
        String secret = "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32]);
        new CommandLine(c).parseArgs("--signing-secret", secret);
        assertEquals(secret, c.settings().signingSecret());
    }

    @Test
    void aBadSigningSecretIsAUsageErrorThatDoesNotShowIt() {
        assertEquals(2, run("--signing-secret", "whsec_c2hvcnQ="));
        String e = err.toString(StandardCharsets.UTF_8).strip();
        assertTrue(e.contains("at least 24 bytes") && !e.contains("c2hvcnQ"), e);
    }

    @Test
    void nonsenseNumbersAreUsageErrors() {
        assertEquals(2, run("--rate", "0"));
        assertEquals(2, run("--update-share", "1.5"));
        assertEquals(2, run("--duration-s", "abc"));
    }

    @Test
    void aKeptHistoryIsJudgedAgainWithoutARun(@TempDir Path dir) throws Exception {
        Path sound = dir.resolve("sound/history.jsonl");
        Path broken = dir.resolve("broken/history.jsonl");
        write(sound, org.replkit.chaos.check.Canned.healthy());
        write(broken, org.replkit.chaos.check.Canned.changed(e -> e instanceof org.replkit.chaos.history.Event.ReceiverRow r
                ? new org.replkit.chaos.history.Event.ReceiverRow(r.lane(), r.id(), false, null, null, null) : e).events());

        assertEquals(0, run("--check", sound.toString()));
        assertEquals("passed", SummaryFile.read(dir.resolve("sound")).get("verdict").asText());
        assertEquals(1, run("--check", broken.toString()));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("FAILED      newest"), out.toString(StandardCharsets.UTF_8));
        assertEquals(2, run("--check", dir.resolve("nothing-here.jsonl").toString()));
    }

    private static void write(Path file, java.util.List<org.replkit.chaos.history.Event> events) {
        try (org.replkit.chaos.history.HistoryWriter w = new org.replkit.chaos.history.HistoryWriter(file)) {
            events.forEach(w::append);
        }
    }

    @Test
    void aReceiverDatabaseThatCannotBeReachedMeansTheRunCouldNotBeDone(@TempDir Path dir) throws Exception {
        int exit = run("--timing", "fast", "--duration-s", "20", "--sender-backend", "debootstrap", "--report-dir", dir.toString(),
                "--receiver-db-url", "jdbc:postgresql://127.0.0.1:1/nothing?user=kit&password=canary-7Qx2");
        assertEquals(2, exit, out.toString(StandardCharsets.UTF_8));
        String console = out.toString(StandardCharsets.UTF_8);
        assertTrue(console.contains("chaos: could not run: cannot start the receivers"), console);
        assertTrue(!console.contains("canary-7Qx2"), "no password in the output");
        JsonNode summary = SummaryFile.read(dir);
        assertEquals("cantTell", summary.get("verdict").asText());
        assertTrue(!java.nio.file.Files.readString(dir.resolve("summary.json")).contains("canary-7Qx2"));
    }
}
