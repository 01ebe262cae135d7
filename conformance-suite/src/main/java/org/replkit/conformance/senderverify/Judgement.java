package org.replkit.conformance.senderverify;

import java.util.List;
import java.util.concurrent.Callable;
import org.replkit.conformance.model.CannotTell;
import org.replkit.conformance.model.Exchange;
import org.replkit.spec.Outcome;

/**
 * What a scenario found: its outcome, and for a failure what the rule asks, what arrived instead and
 * the requests as received (each with its arrival against the commit and the answer it was given).
 */
public record Judgement(Outcome outcome, String message, String expected, String actual, List<Exchange> evidence) {

    public Judgement {
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
    }

    public static Judgement passed() {
        return new Judgement(Outcome.PASSED, null, null, null, List.of());
    }

    public static Judgement failed(String message, String expected, String actual, List<Exchange> evidence) {
        return new Judgement(Outcome.FAILED, message, expected, actual, evidence);
    }

    /**
     * Passed when no problem was found; else failed, the first problem the message (with how many more
     * there are), all of them the actual.
     */
    public static Judgement passedUnless(List<String> problems, String expected, List<Exchange> evidence) {
        if (problems.isEmpty()) {
            return passed();
        }
        String more = problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : "";
        return failed(problems.get(0) + more, expected, String.join("; ", problems), evidence);
    }

    /** The kit could not observe what the rule needs; never the sender's fault. */
    public static Judgement cantTell(String message, List<Exchange> evidence) {
        return new Judgement(Outcome.CANT_TELL, message, null, null, evidence);
    }

    public static Judgement inapplicable(String message) {
        return new Judgement(Outcome.INAPPLICABLE, message, null, null, List.of());
    }

    /** Runs a scenario (or a part of one), a {@link CannotTell} it throws becoming its cantTell. */
    static Judgement of(Callable<Judgement> scenario) throws Exception {
        try {
            return scenario.call();
        } catch (CannotTell e) {
            return cantTell(e.getMessage(), e.evidence());
        }
    }
}
