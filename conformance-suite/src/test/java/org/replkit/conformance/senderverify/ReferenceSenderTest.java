package org.replkit.conformance.senderverify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.replkit.sender.SenderDatabase;
import org.replkit.sender.SenderTiming;

/**
 * kit verify-sender against the kit's own sender (pg-image: Postgres, pg_cron, the pg_net stand-in),
 * configured with the fast timing through replication.configure: every core and strict requirement
 * it judges passes; the crash scenario is inapplicable without --restart-cmd. One run at the spec's
 * timing (about a minute).
 */
class ReferenceSenderTest {

    static SenderDatabase sender;

    @BeforeAll
    static void start() {
        sender = SenderRuns.startSender();
    }

    @AfterAll
    static void stop() {
        if (sender != null) {
            sender.close();
        }
    }

    /** Strict, signed with a canary secret (which must show in no output): every id verify-sender judges passes. */
    @Test
    void theReferenceSenderPassesCoreAndStrict() throws Exception {
        sender.setTiming(SenderTiming.FAST);
        Path reports = Paths.get("target", "sender-verify", "reference");
        SenderRuns.Run run = SenderRuns.verifySigned(sender.jdbcUrl(), reports, "--timing", "fast", "--profile", "strict");
        assertEquals(0, run.exitCode(), run.console());
        assertEquals(java.util.List.of(), run.failed(), run.console());
        for (String id : java.util.List.of("SND-HDR-01", "SND-CAD-01", "SND-TIME-01", "SND-RETRY-01", "SND-RETRY-02",
                "SND-DELIV-01", "SND-ORDER-01", "SND-AUDIT-01", "SND-STAT-01", "SND-SIG-01", "SND-PAUSE-01",
                "SND-RETRYAFTER-01", "SND-GONE-01", "SND-COALESCE-01")) {
            assertEquals("passed", run.outcome(id), id + "\n" + run.console());
        }
        assertEquals("inapplicable", run.outcome("SND-CRASH-01"), run.console());
        assertTrue(Files.readString(reports.resolve("badge.svg")).contains("sender spec"));
        assertTrue(Files.readString(reports.resolve("junit.xml")).contains("SND-RETRY-01"));
    }

    /**
     * A literal sender (outage_policy 'fail': the spec's 3 retries, then failed) keeps every MUST, so
     * it passes core, and fails SND-PAUSE-01, only that, under strict. One strict run shows both: core
     * counts exactly the MUST ids, and each of them passed.
     */
    @Test
    void aLiteralSenderPassesCoreAndFailsPauseUnderStrict() throws Exception {
        sender.setTiming(SenderTiming.FAST);
        configure("fail");
        try {
            SenderRuns.Run run = SenderRuns.verify(sender.jdbcUrl(), Paths.get("target", "sender-verify", "literal-sender"),
                    "--timing", "fast", "--profile", "strict");
            assertEquals(1, run.exitCode(), run.console());
            assertEquals(java.util.List.of("SND-PAUSE-01"), run.failed(), run.console());
            for (var r : run.report().path("requirements")) {
                if (r.path("level").asText().equals("MUST") && !r.path("id").asText().equals("SND-CRASH-01")
                        && !r.path("id").asText().equals("SND-SIG-01")) {
                    assertEquals("passed", r.path("outcome").asText(), r.path("id").asText() + "\n" + run.console());
                }
            }
        } finally {
            configure("pause");
        }
    }

    private static void configure(String outagePolicy) throws java.sql.SQLException {
        try (var c = sender.connection(); var ps = c.prepareStatement("SELECT replication.configure(outage_policy => ?)")) {
            ps.setString(1, outagePolicy);
            ps.execute();
        }
    }

    /**
     * The one real-time run: the spec's timing, the default command line (core), as a team would run
     * it. -Dsender.realtime.profile=strict runs the strict profile instead (about two minutes), to measure it.
     */
    @Test
    void theReferenceSenderPassesAtTheSpecsTiming() throws Exception {
        sender.setTiming(SenderTiming.SPEC);
        String profile = System.getProperty("sender.realtime.profile", "core");
        SenderRuns.Run run = SenderRuns.verify(sender.jdbcUrl(), Paths.get("target", "sender-verify", "reference-spec-timing"),
                "--profile", profile);
        assertEquals(0, run.exitCode(), run.console());
        assertEquals(java.util.List.of(), run.failed(), run.console());
        System.out.println("kit verify-sender (" + profile + ") at the spec's timing: " + run.report().path("duration_ms").asLong() + " ms");
    }
}
