package org.replkit.conformance.senderverify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Paths;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.replkit.sender.SenderDatabase;
import org.replkit.sender.SenderTiming;

/**
 * The broken-sender matrix: the kit's own sender with one planted defect (a patch of today's sender
 * SQL, {@link PlantedSenderDefect}) fails exactly the requirement the defect breaks, and nothing else.
 * The correct file is applied again after each run. The crash defect runs in {@link SenderCrashTest}.
 * Every run is strict and signed (a canary secret that must show in no output), so the outage and
 * signature defects fail their ids too. -Dsender.defects=NAME,NAME runs only those.
 */
class BrokenSenderMatrixTest {

    static SenderDatabase sender;

    @BeforeAll
    static void start() {
        sender = SenderRuns.startSender();
        sender.setTiming(SenderTiming.FAST);
    }

    @AfterAll
    static void stop() {
        if (sender != null) {
            sender.close();
        }
    }

    @ParameterizedTest(name = "{0} fails its own requirement only")
    @EnumSource(value = PlantedSenderDefect.class, mode = EnumSource.Mode.EXCLUDE, names = "DROPS_IN_FLIGHT_AFTER_A_CRASH")
    void aPlantedDefectFailsItsOwnRequirementOnly(PlantedSenderDefect defect) throws Exception {
        String only = System.getProperty("sender.defects", "");
        Assumptions.assumeTrue(only.isBlank() || List.of(only.split(",")).contains(defect.name()),
                "-Dsender.defects=" + only + " leaves out " + defect);
        // Each defect on a sender as fresh as the first one's: no instances, queue or rows of the runs before.
        sender.reset();
        sender.setTiming(SenderTiming.FAST);
        defect.plant(sender);
        try {
            SenderRuns.Run run = run(defect);
            if (run.exitCode() == 0) {
                // A defect that shows only when the sender's timing lines up (the order and pause
                // defects race a tick against a pass) gets one more run; a wrong id never does.
                run = run(defect);
            }
            assertEquals(1, run.exitCode(), defect.what + ": " + run.console());
            assertEquals(List.of(defect.requirement), run.failed(), defect.what + ": " + run.console());
            assertTrue(run.report().toString().contains("\"evidence\""), "the failure carries the requests as received");
        } finally {
            defect.remove(sender);
        }
    }

    private static SenderRuns.Run run(PlantedSenderDefect defect) throws Exception {
        return SenderRuns.verifySigned(sender.jdbcUrl(),
                Paths.get("target", "sender-verify", defect.name().toLowerCase(Locale.ROOT).replace('_', '-')),
                "--timing", "fast", "--profile", "strict");
    }
}
