package org.replkit.conformance.checks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.replkit.conformance.checks.support.Expect;
import org.replkit.conformance.checks.support.NothingStored;
import org.replkit.conformance.checks.support.Receiver;
import org.replkit.conformance.checks.support.RequirementCheck;
import org.replkit.conformance.http.Answer;
import org.replkit.conformance.records.Samples;
import org.replkit.spec.Level;

/** The X-Sync-* headers must agree with the endpoint and the body. */
public class HeaderChecks {

    @RequirementCheck(id = "SYNC-HDR-01", level = Level.MUST,
            title = "X-Sync-Record-Id naming another record is answered 400 and nothing is stored")
    void recordIdMustMatchBody(Receiver r) {
        NothingStored probe = NothingStored.from(r);
        for (String event : List.of("INSERT", "UPDATE")) {
            ObjectNode record = Samples.fresh(r.kind());
            Map<String, String> headers = r.syncHeaders(record, event);
            headers.put("X-Sync-Record-Id", UUID.randomUUID().toString());
            rejected(r, probe, record, headers, "an " + event + " whose X-Sync-Record-Id differs from the body's id");
        }
    }

    @RequirementCheck(id = "SYNC-HDR-02", level = Level.MUST,
            title = "X-Sync-Table naming another table is answered 400 and nothing is stored")
    void tableMustMatchEndpoint(Receiver r) {
        NothingStored probe = NothingStored.from(r);
        String other = r.kind().table().equals("approved_patterns") ? "execution_metrics" : "approved_patterns";
        for (String table : List.of(other, "users")) {
            ObjectNode record = Samples.fresh(r.kind());
            Map<String, String> headers = r.syncHeaders(record, "INSERT");
            headers.put("X-Sync-Table", table);
            rejected(r, probe, record, headers, "a delivery with X-Sync-Table: " + table);
        }
    }

    @RequirementCheck(id = "SYNC-HDR-03", level = Level.MUST,
            title = "X-Sync-Event-Type other than INSERT or UPDATE is answered 400 and nothing is stored")
    void eventTypeMustBeInsertOrUpdate(Receiver r) {
        NothingStored probe = NothingStored.from(r);
        for (String event : List.of("DELETE", "TRUNCATE", "UPSERT")) {
            ObjectNode record = Samples.fresh(r.kind());
            rejected(r, probe, record, r.syncHeaders(record, event), "a delivery with X-Sync-Event-Type: " + event);
        }
    }

    private static void rejected(Receiver r, NothingStored probe, ObjectNode record, Map<String, String> headers,
                                 String what) {
        Answer a = r.send(Receiver.bytes(record), Receiver.JSON, headers);
        Expect.status(a, 400, what);
        probe.verify(a, record, what);
    }
}
