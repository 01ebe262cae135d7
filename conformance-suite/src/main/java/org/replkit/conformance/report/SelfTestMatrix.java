package org.replkit.conformance.report;

import java.util.List;
import java.util.Set;
import org.replkit.conformance.model.ConformanceResult;
import org.replkit.spec.Level;
import org.replkit.spec.Profile;
import org.replkit.spec.RequirementCatalogue;

/**
 * The kit's proof that its verdicts can be trusted: the suite's outcomes against receivers that each
 * break one rule on purpose (the rule must fail), next to correct receivers written in other styles
 * (no MUST may fail, and exactly the SHOULDs each is known to break do).
 *
 * @param rows one per receiver
 */
public record SelfTestMatrix(List<Row> rows) {

    public SelfTestMatrix {
        rows = List.copyOf(rows);
    }

    /**
     * @param receiver     the receiver's name (a fault, or "reference receivers (in memory)")
     * @param description  what the receiver does wrong, or how it keeps the contract
     * @param mustFail     the requirements the suite must fail against it (empty for a correct receiver)
     * @param breaksShould for a correct receiver: the SHOULDs it is known to break, and no others
     * @param result       what the suite found (strict profile)
     */
    public record Row(String receiver, String description, List<String> mustFail, List<String> breaksShould,
                      ConformanceResult result) {

        public Row {
            mustFail = List.copyOf(mustFail);
            breaksShould = List.copyOf(breaksShould);
        }

        public Row(String receiver, String description, List<String> mustFail, ConformanceResult result) {
            this(receiver, description, mustFail, List.of(), result);
        }

        /**
         * The suite did what it should: a broken receiver fails the rules it breaks and the run exits
         * 1; a correct one passes core (no MUST fails) and fails exactly the SHOULDs it is known to break.
         */
        public boolean asExpected() {
            if (!mustFail.isEmpty()) {
                return result.failedIds().containsAll(mustFail) && result.exitCode() == 1;
            }
            return result.as(Profile.CORE).exitCode() == 0 && Set.copyOf(failedShoulds()).equals(Set.copyOf(breaksShould));
        }

        public List<String> failedShoulds() {
            return result.failedIds().stream()
                    .filter(id -> RequirementCatalogue.get().byId(id).level() == Level.SHOULD)
                    .toList();
        }
    }
}
