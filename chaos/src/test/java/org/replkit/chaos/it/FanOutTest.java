package org.replkit.chaos.it;

import org.replkit.spec.Outcome;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.replkit.chaos.check.PropertyVerdict;
import org.replkit.chaos.nemesis.FaultKind;
import org.replkit.sender.SenderTiming;

/**
 * The fan-out case: ten receiver instances, one of them a black hole for the whole run. The others'
 * lag (commit to the receiver's 2xx) stays within cadence + timeout + 1 s, and 0.5 s of tolerance, at the
 * 99th percentile (3.5 s at the fast timing) once the dead instance's requests have timed out, as long as the sender does not let the dead instance's timeouts hold
 * up every tick.
 */
class FanOutTest {

    @Test
    @Tag("SND-PAUSE-01")
    void oneBlackHoledInstanceOfTenDoesNotHoldUpTheOthers() {
        var dir = Scenario.reportDir("fan-out");
        Scenario.Outcome run = Scenario.run(Scenario.base(dir, 31, 20).withTiming(SenderTiming.FAST)
                .withFaults(EnumSet.noneOf(FaultKind.class)).withFanOut(10));

        PropertyVerdict lag = run.verdict("fan-out");
        assertEquals(Outcome.PASSED, lag.outcome(), lag.summary() + " " + lag.problems() + " " + lag.figures());
        assertTrue(((Number) lag.figures().get("deliveries")).longValue() > 100, lag.figures().toString());
        assertEquals(0, run.result().exitCode(), run.console());
    }
}
