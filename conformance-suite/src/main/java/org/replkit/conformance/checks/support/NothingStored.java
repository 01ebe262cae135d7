package org.replkit.conformance.checks.support;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.replkit.conformance.http.Answer;
import org.replkit.conformance.model.CannotTell;

/**
 * Shows that a refused delivery stored nothing, by counting. Its valid twin (same id) is
 * delivered next and must be new: the count grows by exactly one. No growth means the refused
 * record was stored under its id (unless the twin itself was lost, which a second delivery of the
 * twin tells apart); growth by two means it was stored under some other key. When the twin is not
 * accepted (a receiver that stored the refused record may refuse its id as taken), a fresh record
 * probes the count instead: it must have grown by exactly that one record.
 *
 * Counting needs the acknowledgement's count: without it the probe notes that it cannot tell,
 * and the check still judges every status it sees.
 */
public final class NothingStored {

    private final ReceiverUnderTest receiver;
    private final Unobserved unobserved;
    private Long count;

    private NothingStored(ReceiverUnderTest receiver, Unobserved unobserved) {
        this.receiver = receiver;
        this.unobserved = unobserved;
        unobserved.part(() -> count = receiver.countWithFreshRecord("before the refused deliveries"));
    }

    /** Starts a chain of probes from the current count; what cannot be seen is noted in {@code unobserved}. */
    public static NothingStored from(ReceiverUnderTest receiver, Unobserved unobserved) {
        return new NothingStored(receiver, unobserved);
    }

    /** After {@code refused} was refused, delivers {@code validTwin} and checks that only the twin was added. */
    public void verify(Answer refused, ObjectNode validTwin, String what) {
        if (count == null) {
            unobserved.note(new CannotTell("whether " + what + " stored anything cannot be seen: no count to start from",
                    receiver.ackRequirement(), java.util.List.of()));
            return;
        }
        try {
            probe(refused, validTwin, what);
        } catch (CannotTell e) {
            count = null; // the chain is broken; later probes cannot tell either
            unobserved.note(e);
        }
    }

    private void probe(Answer refused, ObjectNode validTwin, String what) {
        Answer twin = receiver.deliver(validTwin);
        if (twin.status() != 200) {
            // The twin's own refusal is for the acceptance checks; the count still shows what was stored.
            long now = receiver.countWithFreshRecord("after a valid twin was not accepted");
            long grew = now - count;
            count = now;
            Expect.that(grew == 1, what + " was answered " + refused.describeStatus() + "; its valid twin (same id) was "
                    + "then answered " + twin.describeStatus() + ", and the count grew by " + grew + " where the one "
                    + "fresh record probing it accounts for 1: the refused delivery was stored", refused, twin);
            return;
        }
        long now = receiver.countOf(twin, "the valid record delivered after " + what);
        long grew = now - count;
        count = now;
        if (grew == 0) {
            // Either the refused record holds the id, or the receiver lost the twin: a lost twin is new again.
            Answer again = receiver.deliver(validTwin);
            long after = receiver.countOf(again, "the valid record delivered once more");
            boolean twinWasLost = after - now == 1;
            count = after;
            if (twinWasLost) {
                return;
            }
        }
        Expect.that(grew == 1, what + " was answered " + refused.describeStatus() + ", but delivering its valid twin "
                + "(same id) afterwards " + (grew == 0 ? "did not add a record: the refused delivery was stored under its id"
                : "added " + grew + " records: the refused delivery was stored under another key"), refused, twin);
    }
}
