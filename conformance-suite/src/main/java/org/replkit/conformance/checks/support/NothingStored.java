package org.replkit.conformance.checks.support;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.replkit.conformance.http.Answer;

/**
 * Shows that a rejected delivery stored nothing, by counting. Its valid twin (same id) is
 * delivered next and must be new: the count grows by exactly one. No growth means the rejected
 * record was stored under its id (unless the twin itself was lost, which a second delivery of the
 * twin tells apart); growth by two means it was stored under some other key. When the twin is not
 * accepted (a receiver that stored the rejected record may refuse its id as taken), a fresh record
 * probes the count instead: it must have grown by exactly that one record.
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

    /** After {@code rejected} was refused, delivers {@code validTwin} and checks that only the twin was added. */
    public void verify(Answer rejected, ObjectNode validTwin, String what) {
        Answer twin = receiver.deliver(validTwin);
        if (twin.status() != 200) {
            // The twin's own refusal is for the acceptance checks; the count still shows what was stored.
            long now = receiver.countWithFreshRecord("after a valid twin was not accepted");
            long grew = now - count;
            count = now;
            Expect.that(grew == 1, what + " was answered " + rejected.describeStatus() + "; its valid twin (same id) was "
                    + "then answered " + twin.describeStatus() + ", and the count grew by " + grew + " where the one "
                    + "fresh record probing it accounts for 1: the rejected delivery was stored", rejected, twin);
            return;
        }
        long now = receiver.countOf(twin, "the valid record delivered after " + what);
        long grew = now - count;
        count = now;
        if (grew == 0) {
            // Either the rejected record holds the id, or the receiver lost the twin: a lost twin is new again.
            Answer again = receiver.deliver(validTwin);
            long after = receiver.countOf(again, "the valid record delivered once more");
            boolean twinWasLost = after - now == 1;
            count = after;
            if (twinWasLost) {
                return;
            }
        }
        Expect.that(grew == 1, what + " was answered " + rejected.describeStatus() + ", but delivering its valid twin "
                + "(same id) afterwards " + (grew == 0 ? "did not add a record: the rejected delivery was stored under its id"
                : "added " + grew + " records: the rejected delivery was stored under another key"), rejected, twin);
    }
}
