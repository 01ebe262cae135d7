package org.replkit.conformance.checks.support;

import java.util.List;
import org.replkit.conformance.http.Answer;
import org.replkit.conformance.model.Exchange;

/** A failed check, with the exchanges that show the failure. */
public final class CheckFailure extends AssertionError {

    private final transient List<Exchange> evidence;

    public CheckFailure(String message, List<Exchange> evidence) {
        super(message);
        this.evidence = List.copyOf(evidence);
    }

    public static CheckFailure of(String message, Answer... answers) {
        return new CheckFailure(message, java.util.Arrays.stream(answers).map(Answer::exchange).toList());
    }

    public List<Exchange> evidence() {
        return evidence;
    }
}
