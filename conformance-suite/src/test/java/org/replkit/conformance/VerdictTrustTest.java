package org.replkit.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.replkit.conformance.model.ConformanceResult;
import org.replkit.conformance.model.RequirementVerdict;
import org.replkit.conformance.model.RunSettings;
import org.replkit.conformance.model.Targets;
import org.replkit.conformance.report.Badge;
import org.replkit.conformance.run.ConformanceRunner;
import org.replkit.conformance.selftest.AlwaysOkReceiver;
import org.replkit.spec.Level;
import org.replkit.spec.Outcome;
import org.replkit.spec.Profile;

/**
 * Verdicts say what was observed: what a status code shows is always judged, what needs a count or a
 * stored value the ack does not show cannot be told, and the kit's own waiting is never the
 * receiver's failure beyond the one rule about time.
 */
class VerdictTrustTest {

    static final String TOKEN = "kit-trust-token";

    @Test
    void aReceiverThatAnswers200ToEverythingFailsWhatItsStatusCodesShow() {
        try (AlwaysOkReceiver r = AlwaysOkReceiver.start()) {
            Targets targets = Targets.receivers(r.patternsUrl(), r.metricsUrl()).withToken(TOKEN);
            ConformanceResult result = ConformanceRunner.run(targets,
                    RunSettings.defaults(Profile.CORE).withExamples(5), o -> { });
            String why = SelfTestDescriptions.of(result);
            for (String id : List.of("SYNC-AUTH-01", "SYNC-HDR-01", "SYNC-HDR-02", "SYNC-VAL-01", "PAT-ACK-01", "MET-ACK-01")) {
                assertEquals(Outcome.FAILED, Outcomes.of(result, id), id + "\n" + why);
            }
            for (RequirementVerdict v : result.verdicts()) {
                if (v.outcome() == Outcome.CANT_TELL && v.id().equals("SYNC-SHED-01")) {
                    // A receiver that answers at once is not overloaded by the burst: nothing to judge.
                    assertTrue(v.reason().contains("did not overload"), v.name() + ": " + v.reason());
                } else if (v.outcome() == Outcome.CANT_TELL) {
                    // Only what truly needs the ack's count or stored value, which PAT-ACK-01 / MET-ACK-01 fail on.
                    assertTrue(v.blockedBy() != null && Set.of("PAT-ACK-01", "MET-ACK-01").contains(v.blockedBy()),
                            v.name() + ": " + v.reason());
                }
            }
            assertEquals(1, result.exitCode());
            String badge = Badge.of(result).message();
            assertTrue(badge.matches("\\d+/\\d+ MUST · \\d+ not judged"), badge);
        }
    }

    /** Real time, once: the sender's 5 s timeout against a receiver that answers after 6 s. */
    @Test
    void aReceiverSlowerThanTheTimeoutIsJudgedQuicklyOnTimelinessAlone() {
        try (AlwaysOkReceiver r = AlwaysOkReceiver.start(Duration.ofSeconds(6))) {
            Targets targets = Targets.receivers(r.patternsUrl(), r.metricsUrl());
            ConformanceResult result = ConformanceRunner.run(targets, RunSettings.defaults(Profile.CORE), o -> { });
            String why = SelfTestDescriptions.of(result);
            assertTrue(result.millis() < 180_000, "a core run against a 6 s receiver took " + result.millis() + " ms");
            assertEquals(List.of("SYNC-TIME-01"), Outcomes.failedIds(result).stream()
                    .filter(id -> result.verdicts().stream().anyMatch(v -> v.id().equals(id) && v.requirement().level() == Level.MUST))
                    .toList(), why);
            for (RequirementVerdict v : result.verdicts()) {
                if (v.requirement().level() == Level.MUST && !v.id().equals("SYNC-TIME-01") && v.outcome() != Outcome.INAPPLICABLE) {
                    assertEquals(Outcome.CANT_TELL, v.outcome(), v.name() + ": " + v.reason());
                }
            }
            assertEquals(1, result.exitCode());
        }
    }
}
