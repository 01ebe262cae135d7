package org.replkit.conformance.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.replkit.conformance.Outcomes;
import org.replkit.conformance.model.ConformanceResult;
import org.replkit.conformance.model.EndpointKind;
import org.replkit.spec.Level;
import org.replkit.spec.Outcome;
import org.replkit.spec.Profile;
import org.replkit.spec.Requirement;
import org.replkit.spec.RequirementCatalogue;

/**
 * The kit's proof that its verdicts can be trusted: the suite's outcomes against receivers that each
 * break one rule on purpose (the rule must fail), next to correct receivers written in other styles
 * (no MUST may fail, and exactly the SHOULDs each is known to break do). The self-test writes it into
 * its report's index.html ({@link ReportWriter#write}).
 *
 * @param rows one per receiver
 */
public record SelfTestMatrix(List<Row> rows) {

    public SelfTestMatrix {
        rows = List.copyOf(rows);
    }

    /** The matrix as the conformance page shows it (conformance.jte): a cell per requirement and receiver. */
    public ConformancePage.Matrix page() {
        List<Requirement> reqs = RequirementCatalogue.get().all().stream()
                .filter(q -> q.endpoints().stream().anyMatch(e -> EndpointKind.byKey(e).isPresent())).toList();
        long right = rows.stream().filter(SelfTestMatrix.Row::asExpected).count();
        List<ConformancePage.MatrixRow> shown = new ArrayList<>();
        for (SelfTestMatrix.Row row : rows) {
            List<ConformancePage.MatrixCell> cells = new ArrayList<>();
            for (Requirement q : reqs) {
                Outcome o = Outcomes.of(row.result(), q.id());
                boolean expected = row.mustFail().contains(q.id()) || row.breaksShould().contains(q.id());
                cells.add(new ConformancePage.MatrixCell(o.label(),
                        switch (o) { case PASSED -> "✓"; case FAILED -> "✗"; case CANT_TELL -> "?"; case INAPPLICABLE -> "·"; },
                        expected, q.id() + ": " + o.label()));
            }
            shown.add(new ConformancePage.MatrixRow(row.receiver(), row.description(),
                    row.mustFail().isEmpty() ? "nothing" : String.join(", ", row.mustFail()),
                    row.breaksShould().isEmpty() ? "—" : String.join(", ", row.breaksShould()), row.result().exitCode(), cells,
                    row.asExpected()));
        }
        return new ConformancePage.Matrix(right, rows.size(), reqs.stream().map(Requirement::id).toList(), shown);
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
                return Outcomes.failedIds(result).containsAll(mustFail) && result.exitCode() == 1;
            }
            return result.as(Profile.CORE).exitCode() == 0 && Set.copyOf(failedShoulds()).equals(Set.copyOf(breaksShould));
        }

        public List<String> failedShoulds() {
            return Outcomes.failedIds(result).stream()
                    .filter(id -> RequirementCatalogue.get().byId(id).level() == Level.SHOULD)
                    .toList();
        }
    }
}
