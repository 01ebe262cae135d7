package org.replkit.conformance.checks.support;

import org.replkit.conformance.http.Answer;

/** Assertions whose failures read as verdicts and carry the exchanges that show them. */
public final class Expect {

    private Expect() {}

    public static void status(Answer a, int expected, String what) {
        if (a.status() != expected) {
            throw CheckFailure.of(what + ": expected " + expected + ", got " + a.describeStatus(), a);
        }
    }

    public static void that(boolean holds, String message, Answer... evidence) {
        if (!holds) {
            throw CheckFailure.of(message, evidence);
        }
    }
}
