package org.replkit.conformance.senderverify;

import java.util.List;

/**
 * Every scenario of kit verify-sender, one per requirement. A new scenario (for example the strict
 * profile's pause and resume, 429 with Retry-After, 410, coalescing) is one class and one line here.
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
                new CrashScenario(),
                new AuditTrailScenario(),
                new StatusFiguresScenario());
    }
}
