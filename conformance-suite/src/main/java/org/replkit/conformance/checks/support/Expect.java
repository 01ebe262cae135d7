package org.replkit.conformance.checks.support;

import org.replkit.conformance.http.Answer;

/** Assertions whose failures read as verdicts and carry the exchanges that show them. */
public final class Expect {

    private Expect() {}

    public static void status(Answer a, int expected, String what) {
        if (a.status() != expected) {
            throw new CheckFailure(what + ": expected " + expected + ", got " + a.describeStatus(),
                    String.valueOf(expected), a.describeStatus(), java.util.List.of(a.exchange()));
        }
    }

    public static void that(boolean holds, String message, Answer... evidence) {
        if (!holds) {
            throw CheckFailure.of(message, evidence);
        }
    }

    /** As {@link #that}, with what was expected and what was seen as separate values. */
    public static void equal(Object expected, Object actual, String message, Answer... evidence) {
        if (!java.util.Objects.equals(expected, actual)) {
            throw new CheckFailure(message, String.valueOf(expected), String.valueOf(actual),
                    java.util.Arrays.stream(evidence).map(Answer::exchange).toList());
        }
    }
}
