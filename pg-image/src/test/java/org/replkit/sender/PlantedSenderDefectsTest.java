package org.replkit.sender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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

    /**
     * One defect: in {@code file}, {@code correct} (found exactly once) becomes {@code broken}. The
     * patches live in the shared pg-image/planted-defects/outage-defects.json, which kit
     * verify-sender's broken-sender matrix plants too.
     */
    enum Defect {
        BREAKER_NEVER_RESUMES,
        PAUSES_ON_ONE_POISON_RECORD,
        TOO_MANY_REQUESTS_IS_FINAL,
        RETRY_AFTER_IGNORED,
        HUNG_INSTANCE_PAUSED_ONLY_BY_RETRIES,
        DEAD_INSTANCE_GETS_EVERY_DUE_ITEM,
        NO_COALESCING;

        private static final String SHARED = "/pg-image/planted-defects/outage-defects.json";

        final String rule;
        final String file;
        final String correct;
        final String broken;

        Defect() {
            JsonNode patch = shared().path(name());
            this.rule = patch.path("rule").asText();
            this.file = patch.path("file").asText();
            this.correct = patch.path("correct").asText();
            this.broken = patch.path("broken").asText();
        }

        private static JsonNode shared() {
            try (InputStream in = Defect.class.getResourceAsStream(SHARED)) {
                return new ObjectMapper().readTree(in);
            } catch (IOException e) {
                throw new UncheckedIOException(SHARED, e);
            }
        }

        void run(OutageScenarios s) throws Exception {
            switch (this) {
                case BREAKER_NEVER_RESUMES -> s.aLongOutageLosesNothingAndCostsOnlyProbes();
                case PAUSES_ON_ONE_POISON_RECORD -> s.aPoisonRecordNeverPausesTheOthers();
                case TOO_MANY_REQUESTS_IS_FINAL, RETRY_AFTER_IGNORED -> s.a429IsRetriedNoSoonerThanRetryAfterAndNeverFails();
                case HUNG_INSTANCE_PAUSED_ONLY_BY_RETRIES -> s.anAnsweringInstanceThatHangsIsPausedByItsFirstTimeouts();
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
