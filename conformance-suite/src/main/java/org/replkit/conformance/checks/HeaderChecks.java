package org.replkit.conformance.checks;

import org.replkit.spec.SyncHeaders;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.replkit.conformance.checks.support.BadInput;
import org.replkit.conformance.checks.support.Cases;
import org.replkit.conformance.checks.support.Expect;
import org.replkit.conformance.checks.support.NothingStored;
import org.replkit.conformance.checks.support.ReceiverUnderTest;
import org.replkit.conformance.checks.support.Refusals;
import org.replkit.conformance.checks.support.RequirementCheck;
import org.replkit.conformance.checks.support.Unobserved;
import org.replkit.conformance.http.Answer;
import org.replkit.conformance.records.Samples;
import org.replkit.spec.Level;

/**
 * The X-Sync-* headers must agree with the endpoint and the body, and may be absent. The sender
 * always sends them right, so each rule here is a SHOULD; each wrong header belongs to one of them.
 */
public class HeaderChecks {

    @RequirementCheck(id = "SYNC-HDR-01", level = Level.SHOULD,
            title = "X-Sync-Record-Id naming another record is answered 400 and nothing is stored")
    void recordIdMustMatchBody(ReceiverUnderTest r) {
        eachRefused(r, "SYNC-HDR-01", List.of("INSERT", "UPDATE"),
                event -> "an " + event + " whose X-Sync-Record-Id differs from the body's id",
                (record, event) -> with(r.syncHeaders(record, event), SyncHeaders.RECORD_ID, UUID.randomUUID().toString()));
    }

    @RequirementCheck(id = "SYNC-HDR-02", level = Level.SHOULD,
            title = "X-Sync-Table naming another table is answered 400 and nothing is stored")
    void tableMustMatchEndpoint(ReceiverUnderTest r) {
        String other = r.kind().table().equals("approved_patterns") ? "execution_metrics" : "approved_patterns";
        eachRefused(r, "SYNC-HDR-02", List.of(other, "users"), table -> "a delivery with X-Sync-Table: " + table,
                (record, table) -> with(r.syncHeaders(record, "INSERT"), SyncHeaders.TABLE, table));
    }

    @RequirementCheck(id = "SYNC-HDR-03", level = Level.SHOULD,
            title = "X-Sync-Event-Type other than INSERT or UPDATE is answered 400 and nothing is stored")
    void eventTypeMustBeInsertOrUpdate(ReceiverUnderTest r) {
        eachRefused(r, "SYNC-HDR-03", List.of("DELETE", "TRUNCATE", "UPSERT"), event -> "a delivery with X-Sync-Event-Type: " + event,
                r::syncHeaders);
    }

    @RequirementCheck(id = "SYNC-HDR-04", level = Level.SHOULD,
            title = "a valid record without the X-Sync-* headers is answered 200")
    void headersAreOptional(ReceiverUnderTest r) {
        ObjectNode record = Samples.fresh(r.kind());
        Answer a = r.send(ReceiverUnderTest.bytes(record), ReceiverUnderTest.JSON, Map.of());
        if (a.status() != 200) {
            // Refused with the headers too: SYNC-ACCEPT-01's failure, not this one's.
            r.acceptedAsObservation(r.deliver(Samples.fresh(r.kind())), "a valid record with the headers");
        }
        Expect.status(a, 200, "a valid record sent without X-Sync-* headers");
    }

    /**
     * One case per value: a fresh valid record sent with the headers made for that value must be
     * refused as the owner wants, and nothing stored.
     */
    private static void eachRefused(ReceiverUnderTest r, String owner, List<String> values, Function<String, String> what,
                                    BiFunction<ObjectNode, String, Map<String, String>> headers) {
        Unobserved unobserved = new Unobserved();
        NothingStored probe = NothingStored.from(r, unobserved);
        Cases cases = new Cases(r.target());
        for (String value : values) {
            String description = what.apply(value);
            cases.run(description, () -> {
                ObjectNode record = Samples.fresh(r.kind());
                refused(r, probe, unobserved, owner, record, headers.apply(record, value), description);
            });
        }
        cases.finish();
        unobserved.finish();
    }

    private static Map<String, String> with(Map<String, String> headers, String name, String value) {
        headers.put(name, value);
        return headers;
    }

    private static void refused(ReceiverUnderTest r, NothingStored probe, Unobserved unobserved, String owner, ObjectNode record,
                                Map<String, String> headers, String what) {
        BadInput input = new BadInput(owner, what, ReceiverUnderTest.bytes(record), ReceiverUnderTest.JSON, headers, Set.of(400));
        Answer a = input.sendTo(r);
        if (Refusals.refusedAsOwnerWants(input, a, unobserved)) {
            probe.verify(a, record, what);
        }
    }
}
