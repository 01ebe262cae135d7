package org.replkit.conformance.checks.support;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.replkit.conformance.http.Answer;

/**
 * Shows that a rejected delivery stored nothing: the record's valid twin (same id) is delivered
 * next and must be new, and the count must have grown by exactly one since the last probe. A
 * receiver that stored the rejected record under its id, or under any other key, fails one of both.
 */
public final class NothingStored {

    private final Receiver receiver;
    private long count;

    private NothingStored(Receiver receiver, long count) {
        this.receiver = receiver;
        this.count = count;
    }

    /** Starts a chain of probes from the current count. */
    public static NothingStored from(Receiver receiver) {
        return new NothingStored(receiver, receiver.countWithFreshRecord("before the rejected deliveries"));
    }

    /** After {@code rejected} was refused, delivers {@code validTwin} and checks that only it was added. */
    public void verify(Answer rejected, ObjectNode validTwin, String what) {
        Answer twin = receiver.deliver(validTwin);
        long now;
        try {
            now = receiver.countOf(twin, "the valid record delivered after " + what);
        } catch (CheckFailure f) {
            count = receiver.countWithFreshRecord("after a failed probe");
            throw f;
        }
        long grew = now - count;
        count = now;
        Expect.that(grew == 1, what + " was answered " + rejected.describeStatus() + " but the count grew by "
                + grew + " when its valid twin was delivered after it (expected 1): the rejected delivery was stored",
                rejected, twin);
    }
}
