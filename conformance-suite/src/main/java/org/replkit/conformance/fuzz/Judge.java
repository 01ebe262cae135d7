package org.replkit.conformance.fuzz;

import java.util.Optional;
import org.replkit.conformance.checks.support.BadInput;
import org.replkit.conformance.checks.support.Refusals;
import org.replkit.conformance.http.Answer;
import org.replkit.conformance.records.ValueClass;
import org.replkit.spec.Level;
import org.replkit.spec.RequirementCatalogue;

/**
 * Judges one answer against what the contract says about its request, so that it counts against
 * exactly one requirement, as kit verify counts it:
 * <ul>
 *   <li>a client mistake is judged by {@link Refusals#judge}: acknowledged is its owner's failure; a
 *       5xx, another status or a dropped connection is SYNC-ERR-07's; no answer in time SYNC-TIME-01's;</li>
 *   <li>a request a receiver may accept or refuse fails only on a 5xx, another status or a dropped
 *       connection (SYNC-ERR-07);</li>
 *   <li>a record the sender can send that is not acknowledged (refused, 5xx or no answer) is its
 *       acceptance rule's failure (SYNC-ACCEPT-01/02, SYNC-HDR-04): the record would be lost;</li>
 *   <li>an answer otherwise right but later than the sender's 5 s timeout is SYNC-TIME-01's.</li>
 * </ul>
 */
final class Judge {

    /** The sender's timeout (SYNC-TIME-01). */
    static final long SLOW_MILLIS = 5_000;

    private static final String TIME = "SYNC-TIME-01";

    private Judge() {}

    static Optional<Finding> judge(FuzzCase c, Request r, ValueClass expected, Answer a) {
        if (!a.answered() && a.timedOut()) {
            return found(FindingKind.TOO_SLOW, TIME, "no answer within " + a.millis() / 1000 + " s (the sender gives up after 5 s)",
                    expected, c, a);
        }
        Optional<Finding> byStatus = switch (expected.kind()) {
            case SENDABLE -> sendable(c, expected, a);
            case ALLOWED -> allowed(c, expected, a);
            case INVALID -> invalid(c, r, expected, a);
        };
        if (byStatus.isPresent()) {
            return byStatus;
        }
        if (a.millis() > SLOW_MILLIS) {
            return found(FindingKind.TOO_SLOW, TIME, "answered " + a.status() + " after " + a.millis()
                    + " ms, later than the sender's 5 s timeout: the sender counts it as failed and retries", expected, c, a);
        }
        return Optional.empty();
    }

    private static Optional<Finding> sendable(FuzzCase c, ValueClass expected, Answer a) {
        if (a.is2xx()) {
            return Optional.empty();
        }
        String owner = expected.requirementId();
        if (!a.answered()) {
            return found(FindingKind.NO_ANSWER, owner, "a record the sender can send got " + a.describeStatus()
                    + ": the sender retries, and the record is lost if it always does", expected, c, a);
        }
        FindingKind kind = a.status() >= 500 ? FindingKind.SERVER_ERROR : FindingKind.REFUSED_SENDABLE;
        return found(kind, owner, "a record the sender can send was answered " + a.status()
                + (a.status() >= 500 ? ": the sender retries it in vain" : ": the record is lost"), expected, c, a);
    }

    private static Optional<Finding> allowed(FuzzCase c, ValueClass expected, Answer a) {
        if (a.is2xx() || a.answered() && Refusals.REFUSALS.contains(a.status())) {
            return Optional.empty();
        }
        String what = "a request the receiver may accept or refuse (" + expected.reason() + ")";
        if (!a.answered()) {
            return found(FindingKind.NO_ANSWER, Refusals.FORM, what + " got " + a.describeStatus(), expected, c, a);
        }
        return found(a.status() >= 500 ? FindingKind.SERVER_ERROR : FindingKind.OTHER_STATUS, Refusals.FORM,
                what + " was answered " + a.status() + "; a refusal is 400, 413 or 415, never a 5xx", expected, c, a);
    }

    private static Optional<Finding> invalid(FuzzCase c, Request r, ValueClass expected, Answer a) {
        BadInput input = new BadInput(expected.requirementId(), "a request where " + expected.reason(), r.body(),
                r.contentType(), r.headers(), Refusals.REFUSALS);
        Refusals.Judgement j = Refusals.judge(input, a);
        if (j.kept()) {
            return Optional.empty();
        }
        FindingKind kind = !a.answered() ? (a.timedOut() ? FindingKind.TOO_SLOW : FindingKind.NO_ANSWER)
                : a.is2xx() ? FindingKind.ACCEPTED_INVALID
                : a.status() >= 500 ? FindingKind.SERVER_ERROR : FindingKind.OTHER_STATUS;
        return found(kind, j.requirementId(), j.message(), expected, c, a);
    }

    private static Optional<Finding> found(FindingKind kind, String requirement, String message, ValueClass expected,
                                           FuzzCase c, Answer a) {
        return Optional.of(new Finding(kind, requirement, level(requirement), message, expected, c, a.exchange()));
    }

    static Level level(String requirementId) {
        return RequirementCatalogue.get().find(requirementId).map(org.replkit.spec.Requirement::level).orElse(Level.MUST);
    }
}
