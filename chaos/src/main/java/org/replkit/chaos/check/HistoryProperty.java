package org.replkit.chaos.check;

import java.util.List;
import java.util.Map;
import org.replkit.spec.Outcome;

/** One property the checker judges the whole history by. */
public interface HistoryProperty {

    /** A short stable name, e.g. "final", used in summary.json and the report. */
    String name();

    /** One sentence: what must hold. */
    String title();

    /** The catalogue requirement ids this property enforces. */
    List<String> requirements();

    PropertyVerdict check(Observed observed);

    /** False when the run had nothing this property judges (e.g. no gone fault): it gets no verdict then. */
    default boolean appliesTo(Observed observed) {
        return true;
    }

    default PropertyVerdict verdict(List<Problem> problems, String passSummary, String failSummary, Map<String, Object> figures) {
        return new PropertyVerdict(name(), title(), requirements(),
                problems.isEmpty() ? Outcome.PASSED : Outcome.FAILED,
                problems.isEmpty() ? passSummary : failSummary, List.copyOf(problems), Map.copyOf(figures));
    }

    default PropertyVerdict cannotTell(String why) {
        return new PropertyVerdict(name(), title(), requirements(), Outcome.CANT_TELL, why, List.of(), Map.of());
    }
}
