package org.replkit.conformance.checks.support;

import java.util.Arrays;
import java.util.List;
import org.replkit.conformance.http.Answer;
import org.replkit.conformance.model.Exchange;

/**
 * A failed check: a one-line reason, what was expected and what was seen as separate values, and
 * the exchanges that show it.
 */
public final class CheckFailure extends AssertionError {

    private final String expected;
    private final String actual;
    private final transient List<Exchange> evidence;
    private String example;

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
}
