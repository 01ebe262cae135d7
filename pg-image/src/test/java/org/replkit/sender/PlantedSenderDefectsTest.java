package org.replkit.sender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Planted defects of the sender's outage handling: each is a patch of one repeatable SQL file (one
 * exact text replaced), applied to the shared sender database; the scenario that proves the rule must
 * then fail, naming the rule's id. The correct file is applied again afterwards.
 */
class PlantedSenderDefectsTest {

    /** One defect: in {@code file}, {@code correct} (found exactly once) becomes {@code broken}. */
    enum Defect {
        BREAKER_NEVER_RESUMES("SND-PAUSE-01", "R__02_delivery.sql",
                "WHEN j.delivered > 0 THEN 'active'",
                "WHEN j.delivered > 0 AND j.old_state <> 'paused' THEN 'active'"),
        PAUSES_ON_ONE_POISON_RECORD("SND-PAUSE-01", "R__02_delivery.sql",
                "THEN 1 ELSE 0 END >= 2)",
                "THEN 1 ELSE 0 END >= 1)"),
        TOO_MANY_REQUESTS_IS_FINAL("SND-RETRYAFTER-01", "R__02_delivery.sql",
                "WHEN g.status_code = 429 THEN 'pending'",
                "WHEN g.status_code = 429 THEN 'failed'"),
        RETRY_AFTER_IGNORED("SND-RETRYAFTER-01", "R__08_instance_health.sql",
                "IF status_code IS NULL OR status_code NOT IN (429, 503) OR",
                "IF true OR"),
        DEAD_INSTANCE_GETS_EVERY_DUE_ITEM("SND-PAUSE-01", "R__02_delivery.sql",
                "AND s.outage_policy = 'pause' AND i.answered_at IS NULL",
                "AND s.outage_policy = 'pause' AND false"),
        NO_COALESCING("SND-COALESCE-01", "R__01_capture.sql",
                "AND q.status = 'pending' AND q.id < newest;",
                "AND q.status = 'pending' AND false;");

        final String rule;
        final String file;
        final String correct;
        final String broken;

        Defect(String rule, String file, String correct, String broken) {
            this.rule = rule;
            this.file = file;
            this.correct = correct;
            this.broken = broken;
        }

        void run(OutageScenarios s) throws Exception {
            switch (this) {
                case BREAKER_NEVER_RESUMES -> s.aLongOutageLosesNothingAndCostsOnlyProbes();
                case PAUSES_ON_ONE_POISON_RECORD -> s.aPoisonRecordNeverPausesTheOthers();
                case TOO_MANY_REQUESTS_IS_FINAL, RETRY_AFTER_IGNORED -> s.a429IsRetriedNoSoonerThanRetryAfterAndNeverFails();
                case DEAD_INSTANCE_GETS_EVERY_DUE_ITEM -> s.aDeadInstanceGetsOneRequestAtATime();
                case NO_COALESCING -> s.supersededSnapshotsAreCoalesced();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Defect.class)
    @Tag("SND-PAUSE-01")
    @Tag("SND-RETRYAFTER-01")
    @Tag("SND-COALESCE-01")
    void eachPlantedDefectFailsTheScenarioOfItsRule(Defect defect) throws Exception {
        SenderDatabase db = SharedSender.get();
        String file = Files.readString(Path.of("sql", defect.file));
        int at = file.indexOf(defect.correct);
        assertTrue(at >= 0 && file.indexOf(defect.correct, at + 1) < 0,
                defect + ": the text to break must occur exactly once in " + defect.file);
        OutageScenarios scenarios = OutageScenarios.fresh(db, "pause");
        apply(db, file.replace(defect.correct, defect.broken));
        try {
            AssertionError caught = assertThrows(AssertionError.class, () -> defect.run(scenarios),
                    defect + " went unnoticed");
            assertTrue(caught.getMessage().contains(defect.rule),
                    defect + " was caught, but not by " + defect.rule + ": " + caught.getMessage());
        } finally {
            apply(db, file);
        }
        assertEquals(0, new SenderFixture(db).count("SELECT count(*) FROM pg_proc "
                + "WHERE pronamespace = 'replication'::regnamespace AND strpos(prosrc, ?) > 0", defect.broken),
                "the correct function is back");
    }

    private static void apply(SenderDatabase db, String sql) throws Exception {
        try (Connection c = db.connection(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
