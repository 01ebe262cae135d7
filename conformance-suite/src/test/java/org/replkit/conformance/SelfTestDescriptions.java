package org.replkit.conformance;

import java.util.stream.Collectors;
import org.replkit.conformance.model.ConformanceResult;
import org.replkit.spec.Outcome;

/** A run's outcomes other than passed, one line each, for assertion messages. */
final class SelfTestDescriptions {

    private SelfTestDescriptions() {}

    static String of(ConformanceResult r) {
        return "run took " + r.millis() + " ms\n" + r.verdicts().stream().filter(v -> v.outcome() != Outcome.PASSED)
                .map(v -> v.outcome().label() + " " + v.name() + ": " + v.reason())
                .collect(Collectors.joining("\n"));
    }
}
