package org.replkit.conformance.senderverify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.replkit.conformance.Outcomes;
import org.replkit.conformance.model.ConformanceResult;
import org.replkit.spec.Outcome;
import org.replkit.sender.SenderDatabase;
import org.replkit.sender.SenderTiming;
import org.replkit.spec.Profile;

/**
 * SND-CRASH-01 with --restart-cmd, on the debootstrap backend (the one that can crash and restart):
 * the kit's sender delivers what was in flight at the crash; with the planted defect that drops such
 * items it fails. The restart command hands over to this test through two files, and the test stops
 * the server the way a crash does and starts it again. The sender is timed with a 5 s timeout so the
 * crash comes while the held requests still wait, and only the crash scenario runs.
 */
class SenderCrashTest {

    private static final SenderTiming TIMED_FOR_THE_CRASH = new SenderTiming(1, 5000, List.of(1.0, 2.0, 4.0), 3);

    @Test
    void inFlightItemsAreDeliveredAfterARestartAndADefectThatDropsThemFails(@TempDir Path handshake) throws Exception {
        try (SenderDatabase sender = SenderDatabase.start(SenderDatabase.Backend.DEBOOTSTRAP)) {
            sender.setTiming(TIMED_FOR_THE_CRASH);
            assertTrue(sender.canCrashAndRestart());
            try (Connection c = sender.connection(); Statement st = c.createStatement()) {
                // The test server runs with synchronous_commit off, which a crash turns into lost
                // commits: here a crash must lose requests, not the kit's own rows.
                st.execute("ALTER SYSTEM SET synchronous_commit = on");
                st.execute("SELECT pg_reload_conf()");
            }
            assertEquals(Outcome.PASSED, Outcomes.of(crashRun(sender, handshake), "SND-CRASH-01"));

            PlantedSenderDefect defect = PlantedSenderDefect.DROPS_IN_FLIGHT_AFTER_A_CRASH;
            defect.plant(sender);
            ConformanceResult broken = crashRun(sender, handshake);
            assertEquals(Outcome.FAILED, Outcomes.of(broken, "SND-CRASH-01"));
            assertTrue(broken.verdicts().get(0).reason().contains("was not delivered after the restart"), broken.verdicts().get(0).reason());
            defect.remove(sender);
        }
    }

    private static ConformanceResult crashRun(SenderDatabase sender, Path handshake) throws Exception {
        Path requested = handshake.resolve("restart-requested");
        Path done = handshake.resolve("restarted");
        String restartCmd = "touch '" + requested + "'; while [ ! -f '" + done + "' ]; do sleep 0.1; done; rm -f '" + done + "'";
        Thread restarter = new Thread(() -> {
            try {
                while (!Files.exists(requested)) {
                    Thread.sleep(20);
                }
                Files.delete(requested);
                sender.stopImmediately();
                sender.startAgain();
                Files.createFile(done);
            } catch (Exception e) {
                Thread.currentThread().interrupt();
            }
        }, "restarter");
        restarter.setDaemon(true);
        restarter.start();
        SenderVerification verification = new SenderVerification(sender.jdbcUrl(), Registration.of(null, null), SenderTableWriter.defaults(),
                restartCmd, Profile.CORE, new ExpectedTiming("crash", TIMED_FOR_THE_CRASH));
        ConformanceResult result = verification.run(List.of(new CrashScenario()), targets -> { }, outcome -> { });
        restarter.interrupt();
        return result;
    }
}
