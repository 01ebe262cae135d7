package org.replkit.conformance.report;

import java.util.List;
import org.replkit.conformance.model.ConformanceResult;

/**
 * The kit's proof that its checks can fail: the suite's verdicts against receivers that each break
 * one rule on purpose, next to the receivers that keep them all.
 *
 * @param rows one per receiver
 */
public record SelfTestMatrix(List<Row> rows) {

    public SelfTestMatrix {
        rows = List.copyOf(rows);
    }

    /**
     * @param receiver       the receiver's name (a fault, or "reference receivers (in memory)")
     * @param description    what the receiver does wrong, or that it keeps the contract
     * @param mustFail       the requirements the suite must fail against it (empty: must pass all)
     * @param result         what the suite found
     */
    public record Row(String receiver, String description, List<String> mustFail, ConformanceResult result) {

        public Row {
            mustFail = List.copyOf(mustFail);
        }

        /** The suite did what it should: the broken rules failed (and the run exited 1), or all passed. */
        public boolean asExpected() {
            if (mustFail.isEmpty()) {
                return result.failedIds().isEmpty() && result.exitCode() == 0;
            }
            return result.failedIds().containsAll(mustFail) && result.exitCode() == 1;
        }
    }
}
