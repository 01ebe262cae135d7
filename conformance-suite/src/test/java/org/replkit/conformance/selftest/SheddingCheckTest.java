package org.replkit.conformance.selftest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.replkit.conformance.model.ConformanceResult;
import org.replkit.conformance.model.RequirementVerdict;
import org.replkit.conformance.model.RunSettings;
import org.replkit.conformance.model.Targets;
import org.replkit.conformance.run.ConformanceRunner;
import org.replkit.conformance.selftest.calibration.MinimalJdkReceiver;
import org.replkit.receivers.ReceiverOptions;
import org.replkit.receivers.ReceiverServer;
import org.replkit.spec.Outcome;
import org.replkit.spec.Profile;

/**
 * SYNC-SHED-01 judged both ways by kit verify's burst, beyond the broken receivers of the matrix
 * (QUEUES_PAST_THE_TIMEOUT, SHEDS_WITHOUT_RETRY_AFTER): a small receiver of another style that sheds
 * with an HTTP-date Retry-After passes, and the reference receivers at their defaults are not
 * overloaded by it, which is not a failure. (That they shed past their admission limit is
 * reference-receivers' AdmissionLimitTest, with a store slow enough to overload them.)
 */
class SheddingCheckTest {

    private static final String ID = "SYNC-SHED-01";

    @Test
    void aSmallJdkReceiverThatShedsWithAnHttpDatePasses() {
        try (MinimalJdkReceiver r = MinimalJdkReceiver.shedding(SelfTestMatrixTest.TOKEN)) {
            assertEquals(Outcome.PASSED, outcome(Targets.receivers(r.patternsUrl(), r.metricsUrl()).withToken(SelfTestMatrixTest.TOKEN)));
        }
    }

    @Test
    void theReferenceReceiversAtTheirDefaultsAreNotFailed() {
        try (ReceiverServer server = ReceiverServer.start(ReceiverOptions.embedded())) {
            assertNotEquals(Outcome.FAILED, outcome(Targets.receivers(server.patternsUrl(), server.metricsUrl())));
        }
    }

    @Test
    void aReceiverThatQueuesPastTheTimeoutFails() {
        try (FaultyReceiver r = FaultyReceiver.start(Set.of(Fault.QUEUES_PAST_THE_TIMEOUT), null, null)) {
            assertEquals(Outcome.FAILED, outcome(Targets.receivers(r.patternsUrl(), null)));
        }
    }

    @Test
    void aReceiverThatShedsWithoutRetryAfterFails() {
        try (FaultyReceiver r = FaultyReceiver.start(Set.of(Fault.SHEDS_WITHOUT_RETRY_AFTER), null, null)) {
            assertEquals(Outcome.FAILED, outcome(Targets.receivers(r.patternsUrl(), null)));
        }
    }

    /** The worst verdict of SYNC-SHED-01 over the endpoints given (an endpoint not given is inapplicable). */
    private static Outcome outcome(Targets targets) {
        ConformanceResult result = ConformanceRunner.run(targets,
                RunSettings.defaults(Profile.STRICT).withExamples(1).only(Set.of(ID)), o -> { });
        return result.verdicts().stream().filter(v -> v.id().equals(ID) && v.outcome() != Outcome.INAPPLICABLE).map(RequirementVerdict::outcome)
                .reduce(Outcome::worse).orElseThrow(() -> new AssertionError("no verdict for " + ID + ": " + result.verdicts()));
    }
}
