package org.replkit.conformance.checks;

import org.replkit.spec.SyncHeaders;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
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
        Unobserved unobserved = new Unobserved();
        NothingStored probe = NothingStored.from(r, unobserved);
        Cases cases = new Cases(r.target());
        for (String event : List.of("INSERT", "UPDATE")) {
            String what = "an " + event + " whose X-Sync-Record-Id differs from the body's id";
            cases.run(what, () -> {
                ObjectNode record = Samples.fresh(r.kind());
                Map<String, String> headers = r.syncHeaders(record, event);
                headers.put(SyncHeaders.RECORD_ID, UUID.randomUUID().toString());
                refused(r, probe, unobserved, "SYNC-HDR-01", record, headers, what);
            });
        }
        cases.finish();
        unobserved.finish();
    }

    @RequirementCheck(id = "SYNC-HDR-02", level = Level.SHOULD,
            title = "X-Sync-Table naming another table is answered 400 and nothing is stored")
    void tableMustMatchEndpoint(ReceiverUnderTest r) {
        Unobserved unobserved = new Unobserved();
        NothingStored probe = NothingStored.from(r, unobserved);
        String other = r.kind().table().equals("approved_patterns") ? "execution_metrics" : "approved_patterns";
        Cases cases = new Cases(r.target());
        for (String table : List.of(other, "users")) {
            String what = "a delivery with X-Sync-Table: " + table;
            cases.run(what, () -> {
                ObjectNode record = Samples.fresh(r.kind());
                Map<String, String> headers = r.syncHeaders(record, "INSERT");
                headers.put(SyncHeaders.TABLE, table);
                refused(r, probe, unobserved, "SYNC-HDR-02", record, headers, what);
            });
        }
        cases.finish();
        unobserved.finish();
    }

    @RequirementCheck(id = "SYNC-HDR-03", level = Level.SHOULD,
            title = "X-Sync-Event-Type other than INSERT or UPDATE is answered 400 and nothing is stored")
    void eventTypeMustBeInsertOrUpdate(ReceiverUnderTest r) {
        Unobserved unobserved = new Unobserved();
        NothingStored probe = NothingStored.from(r, unobserved);
        Cases cases = new Cases(r.target());
        for (String event : List.of("DELETE", "TRUNCATE", "UPSERT")) {
            String what = "a delivery with X-Sync-Event-Type: " + event;
            cases.run(what, () -> {
                ObjectNode record = Samples.fresh(r.kind());
                refused(r, probe, unobserved, "SYNC-HDR-03", record, r.syncHeaders(record, event), what);
            });
        }
        cases.finish();
        unobserved.finish();
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

    private static void refused(ReceiverUnderTest r, NothingStored probe, Unobserved unobserved, String owner, ObjectNode record,
                                Map<String, String> headers, String what) {
        BadInput input = new BadInput(owner, what, ReceiverUnderTest.bytes(record), ReceiverUnderTest.JSON, headers, Set.of(400));
        Answer a = input.sendTo(r);
        if (Refusals.refusedAsOwnerWants(input, a, unobserved)) {
            probe.verify(a, record, what);
        }
    }
}
