package org.replkit.conformance.checks.support;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.replkit.conformance.http.Answer;
import org.replkit.conformance.model.Exchange;

/**
 * A failed check: a one-line reason, what was expected and what was seen as separate values, and
 * the exchanges that show it. A check made of cases ({@link Cases}) throws its first failing case,
 * carrying every failing case and how many ran.
 */
public final class CheckFailure extends AssertionError {

    private final String expected;
    private final String actual;
    private final transient List<Exchange> evidence;
    private String example;
    private String caseName;
    private List<CheckFailure> failingCases = List.of();
    private int casesRun = 1;

    public CheckFailure(String message, String expected, String actual, List<Exchange> evidence) {
        super(message);
        this.expected = expected;
        this.actual = actual;
        this.evidence = List.copyOf(evidence);
    }

    public CheckFailure(String message, List<Exchange> evidence) {
        this(message, null, null, evidence);
    }

    public static CheckFailure of(String message, Answer... answers) {
        return new CheckFailure(message, Arrays.stream(answers).map(Answer::exchange).toList());
    }

    public String expected() {
        return expected;
    }

    public String actual() {
        return actual;
    }

    public List<Exchange> evidence() {
        return evidence;
    }

    /** The smallest generated example that fails, when a property found it. */
    public String example() {
        return example;
    }

    CheckFailure withExample(String minimal) {
        this.example = minimal;
        return this;
    }

    /** The case that failed, in a few words (e.g. "p50 above p95"), or null for a check of one case. */
    public String caseName() {
        return caseName;
    }

    CheckFailure inCase(String name) {
        if (caseName == null) {
            this.caseName = name;
        }
        return this;
    }

    /** Every failing case of the check, this one first; just this one for a check of one case. */
    public List<CheckFailure> failingCases() {
        return failingCases.isEmpty() ? List.of(this) : failingCases;
    }

    /** How many cases the check ran (1 for a check of one case). */
    public int casesRun() {
        return casesRun;
    }

    /** The first of {@code failures}, carrying them all: the first failing case decides the outcome. */
    static CheckFailure firstOf(List<CheckFailure> failures, int casesRun) {
        CheckFailure first = failures.get(0);
        first.failingCases = List.copyOf(new ArrayList<>(failures));
        first.casesRun = casesRun;
        return first;
    }
}
