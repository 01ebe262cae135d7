package org.replkit.conformance.senderverify;

import java.util.List;

/**
 * Every scenario of kit verify-sender, one per requirement. A new scenario is one class and one line
 * here. Those of SHOULD ids (pause and resume, Retry-After, 410, coalescing) run under the strict
 * profile only, each on a receiver of its own.
 */
public final class SenderScenarios {

    private SenderScenarios() {}

    public static List<SenderScenario> all() {
        return List.of(
                new HeadersScenario(),
                new CadenceScenario(),
                new TimeoutScenario(),
                new RetryScheduleScenario(),
                new NoRetryOn400Scenario(),
                new AtLeastOnceScenario(),
                new OrderScenario(),
                new SignatureScenario(),
                new PauseScenario(),
                new RetryAfterScenario(),
                new GoneScenario(),
                new CoalesceScenario(),
                new CrashScenario(),
                new AuditTrailScenario(),
                new StatusFiguresScenario());
    }
}
