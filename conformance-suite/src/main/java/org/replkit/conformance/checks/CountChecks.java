package org.replkit.conformance.checks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.SourceDSL;
import org.replkit.conformance.checks.support.Expect;
import org.replkit.conformance.checks.support.InputProperty;
import org.replkit.conformance.checks.support.ReceiverUnderTest;
import org.replkit.conformance.checks.support.RequirementCheck;
import org.replkit.conformance.http.Answer;
import org.replkit.conformance.records.Samples;
import org.replkit.spec.Level;

/** The count in the acknowledgement is the true number of stored records. */
public class CountChecks {

    @RequirementCheck(id = "SYNC-COUNT-01", level = Level.MUST,
            title = "over any sequence of new and known ids the count grows by exactly the number of new ids")
    void countGrowsByNewIds(ReceiverUnderTest r) {
        // Each element is the index of a record; a repeated index is a known id delivered again.
        Gen<List<Integer>> sequences = SourceDSL.lists().of(SourceDSL.integers().between(0, 4)).ofSizeBetween(1, 8)
                .describedAs(s -> "deliveries of records " + s);
        // Fixed sequences first: eight new ids in a row, then repeats of known ones.
        for (List<Integer> fixed : List.of(List.of(0, 1, 2, 3, 4, 5, 6, 7), List.of(0, 0, 1, 1, 0, 2, 1))) {
            countGrowsByNewIds(r, fixed);
        }
        InputProperty.check(r.target(), sequences, sequence -> countGrowsByNewIds(r, sequence));
    }

    private static void countGrowsByNewIds(ReceiverUnderTest r, List<Integer> sequence) {
        long before = r.countWithFreshRecord("before the sequence");
        Map<Integer, ObjectNode> records = new HashMap<>();
        Set<Integer> delivered = new HashSet<>();
        Instant now = Instant.now();
        for (int index : sequence) {
            ObjectNode record = records.computeIfAbsent(index, i -> Samples.record(r.kind(), UUID.randomUUID(), now));
            boolean known = delivered.contains(index);
            Answer a = r.deliver(record, known ? "UPDATE" : "INSERT");
            r.acceptedAsObservation(a, "record " + index + " of " + sequence + (known ? " delivered again" : ", new"),
                    known ? "SYNC-IDEM-01" : "SYNC-ACCEPT-01");
            delivered.add(index);
            long count = r.countOf(a, "delivery of record " + index);
            Expect.equal(before + delivered.size(), count, "after delivering record " + index + " of " + sequence
                    + " the count is " + count + "; expected " + (before + delivered.size())
                    + " (" + before + " before the sequence + " + delivered.size() + " distinct new ids)", a);
        }
    }
}
