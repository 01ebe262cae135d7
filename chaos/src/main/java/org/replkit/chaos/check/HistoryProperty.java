package org.replkit.chaos.check;

import java.util.List;
import java.util.Map;
import org.replkit.spec.Outcome;

/** One property the checker judges the whole history by. */
public abstract class HistoryProperty {

    private final String name;
    private final List<String> requirements;
    private final boolean readsAuditTrail;
    private final String title;

    /**
     * @param name         a short stable name, e.g. "final", used in summary.json and the report
     * @param requirements the catalogue requirement ids this property enforces
     * @param readsAuditTrail true when it judges the sender's audit trail: without one it cannot tell
     * @param title        one sentence: what must hold
     */
    protected HistoryProperty(String name, List<String> requirements, boolean readsAuditTrail, String title) {
        this.name = name;
        this.requirements = List.copyOf(requirements);
        this.readsAuditTrail = readsAuditTrail;
        this.title = title;
    }

    public final String name() {
        return name;
    }

    public final String title() {
        return title;
    }

    public final List<String> requirements() {
        return requirements;
    }

    public final PropertyVerdict check(Observed observed) {
        return readsAuditTrail && !observed.auditRecorded()
                ? cannotTell("the history holds no audit trail (the run ended before the drain)") : judge(observed);
    }

    /** The verdict over a history that holds what this property reads. */
    protected abstract PropertyVerdict judge(Observed observed);

    /** False when the run had nothing this property judges (e.g. no gone fault): it gets no verdict then. */
    public boolean appliesTo(Observed observed) {
        return true;
    }

    public PropertyVerdict verdict(List<Problem> problems, String passSummary, String failSummary, Map<String, Object> figures) {
        return new PropertyVerdict(name, title, requirements,
                problems.isEmpty() ? Outcome.PASSED : Outcome.FAILED,
                problems.isEmpty() ? passSummary : failSummary, List.copyOf(problems), Map.copyOf(figures));
    }

    public PropertyVerdict cannotTell(String why) {
        return new PropertyVerdict(name, title, requirements, Outcome.CANT_TELL, why, List.of(), Map.of());
    }
}
