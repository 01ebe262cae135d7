package org.replkit.conformance;

import java.util.List;
import java.util.Map;
import org.replkit.conformance.model.ConformanceResult;
import org.replkit.spec.Outcome;

/** What the tests read off a run: one requirement's outcome, the requirements that failed. */
public final class Outcomes {

    private Outcomes() {}

    /** The outcome of one requirement (across endpoints), or inapplicable when it was not run. */
    public static Outcome of(ConformanceResult result, String requirementId) {
        return result.byRequirement().entrySet().stream()
                .filter(e -> e.getKey().id().equals(requirementId))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(Outcome.INAPPLICABLE);
    }

    public static List<String> failedIds(ConformanceResult result) {
        return result.byRequirement().entrySet().stream()
                .filter(e -> e.getValue() == Outcome.FAILED)
                .map(e -> e.getKey().id())
                .toList();
    }
}
