package org.replkit.conformance.checks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.replkit.conformance.checks.support.AnswerLosingProxy;
import org.replkit.conformance.checks.support.CheckFailure;
import org.replkit.conformance.checks.support.Expect;
import org.replkit.conformance.checks.support.Receiver;
import org.replkit.conformance.checks.support.RequirementCheck;
import org.replkit.conformance.http.Answer;
import org.replkit.conformance.records.Samples;
import org.replkit.spec.Level;

/** A retry after a lost answer (SYNC-IDEM-05), through a fault-injecting proxy. */
public class RetryChecks {

    @RequirementCheck(id = "SYNC-IDEM-05", level = Level.MUST,
            title = "stored but the answer lost (connection reset): the retry is answered 200 and the record stored once")
    void retryAfterLostAnswer(Receiver r) {
        long before = r.countWithFreshRecord("before the lost answer");
        ObjectNode record = Samples.fresh(r.kind());
        try (AnswerLosingProxy proxy = new AnswerLosingProxy(r.url())) {
            Receiver viaProxy = r.through(proxy.through(r.url()));
            Answer lost = viaProxy.deliver(record);
            if (lost.answered()) {
                // The kit's proxy failed, not the receiver: no verdict either way.
                Assumptions.abort("cannot judge: the proxy was to drop the first answer, but it arrived");
            }
            List<Integer> seen = proxy.receiverStatuses();
            if (seen.isEmpty() || seen.get(0) != 200) {
                throw CheckFailure.of("the first delivery (whose answer the proxy dropped) was answered " + seen
                        + " by the receiver, not 200", lost);
            }
            Answer retry = viaProxy.deliver(record);
            Expect.status(retry, 200, "the sender's retry after the lost answer");
            long count = r.countOf(retry, "the retry");
            Expect.that(count == before + 1, "after the lost answer and the retry the count is " + count
                    + "; expected " + (before + 1) + ": the record must be stored once", lost, retry);
        }
    }
}
