package org.replkit.conformance.checks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.replkit.conformance.checks.support.Expect;
import org.replkit.conformance.checks.support.NothingStored;
import org.replkit.conformance.checks.support.ReceiverUnderTest;
import org.replkit.conformance.checks.support.RequirementCheck;
import org.replkit.conformance.checks.support.Unobserved;
import org.replkit.conformance.http.Answer;
import org.replkit.conformance.records.Samples;
import org.replkit.spec.Level;

/** A receiver configured with a bearer token refuses deliveries without it. */
public class AuthChecks {

    @RequirementCheck(id = "SYNC-AUTH-01", level = Level.MUST,
            title = "a missing, wrong or non-bearer token is answered 401 and stores nothing; the right token is accepted")
    void tokenIsRequired(ReceiverUnderTest r) {
        // First the right token: a receiver answering 401 to it fails here, by its status alone.
        Answer right = r.deliver(Samples.fresh(r.kind()));
        if (right.status() == 401) {
            Expect.status(right, 200, "a valid delivery with the right bearer token");
        }
        r.acceptedAsObservation(right, "a valid delivery with the right bearer token");
        Unobserved unobserved = new Unobserved();
        NothingStored probe = NothingStored.from(r, unobserved);
        Map<String, String> attempts = new LinkedHashMap<>();
        attempts.put("no Authorization header", null);
        // Random, so that nothing derived from the real token reaches the reports.
        attempts.put("a wrong bearer token", "Bearer kit-wrong-" + UUID.randomUUID());
        attempts.put("the right token with the Basic scheme", "Basic " + r.target().token());
        attempts.put("an empty bearer token", "Bearer ");
        for (Map.Entry<String, String> attempt : attempts.entrySet()) {
            ObjectNode record = Samples.fresh(r.kind());
            Map<String, String> headers = new LinkedHashMap<>(r.syncHeaders(record, "INSERT"));
            if (attempt.getValue() != null) {
                headers.put("Authorization", attempt.getValue());
            }
            Answer a = r.sendWithoutToken(ReceiverUnderTest.bytes(record), ReceiverUnderTest.JSON, headers);
            Expect.status(a, 401, "a delivery with " + attempt.getKey()); // SYNC-AUTH-01: the status alone decides
            probe.verify(a, record, "a delivery with " + attempt.getKey());
        }
        unobserved.finish();
    }
}
