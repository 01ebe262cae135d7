package org.replkit.conformance.checks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.replkit.conformance.checks.support.CheckFailure;
import org.replkit.conformance.checks.support.Expect;
import org.replkit.conformance.checks.support.InputProperty;
import org.replkit.conformance.checks.support.ReceiverUnderTest;
import org.replkit.conformance.checks.support.RequirementCheck;
import org.replkit.conformance.http.Answer;
import org.replkit.conformance.model.CannotTell;
import org.replkit.conformance.model.EndpointKind;
import org.replkit.conformance.records.RecordGen;
import org.replkit.conformance.records.Snapshots;
import org.replkit.spec.Level;
import org.replkit.spec.SchemaValidator;

/** The acknowledgement's fields, types and values. */
public class AckChecks {

    @RequirementCheck(id = "PAT-ACK-01", level = Level.MUST,
            title = "the ack matches its schema; pattern_id is the id sent, pattern_name the stored name, synced_at UTC")
    void patternAck(ReceiverUnderTest r) {
        acksDescribeTheRecord(r);
    }

    @RequirementCheck(id = "MET-ACK-01", level = Level.MUST,
            title = "the ack matches its schema; metrics_id is the id sent, success_rate the stored value, synced_at UTC")
    void metricsAck(ReceiverUnderTest r) {
        acksDescribeTheRecord(r);
    }

    private static void acksDescribeTheRecord(ReceiverUnderTest r) {
        int[] acknowledged = {0};
        InputProperty.check(r.target(), new RecordGen(r.kind()).templates(), t -> {
            ObjectNode record = RecordGen.withId(t, UUID.randomUUID());
            Answer a = r.deliver(record);
            if (a.status() != 200) {
                return; // a valid record refused is SYNC-ACCEPT-01's failure; only acknowledgements are judged here
            }
            acknowledged[0]++;
            describesTheRecord(r.kind(), r.target().validator(), record, a);
        });
        if (acknowledged[0] == 0) {
            throw new CannotTell("no valid record was acknowledged with 200, so there is no acknowledgement to judge"
                    + " (SYNC-ACCEPT-01 judges that)", "SYNC-ACCEPT-01", r.target().http().log().last(1));
        }
    }

    /**
     * The condition, on one acknowledgement of a fresh record: the ack schema, the id sent, the
     * stored value (a fresh record's stored value is the one sent), synced_at in UTC.
     */
    static void describesTheRecord(EndpointKind kind, SchemaValidator validator, ObjectNode record, Answer a) {
        JsonNode ack = a.json().orElseThrow(() -> CheckFailure.of("the acknowledgement is not JSON", a));
        List<SchemaValidator.Violation> violations = validator.violations(kind.answerSchema(), a.body());
        Expect.that(violations.isEmpty(), "the acknowledgement does not match " + kind.answerSchema().fileName()
                + ": " + violations.stream().map(SchemaValidator.Violation::message).toList(), a);
        String idSent = record.get("id").asText();
        String idAcked = ack.path(kind.ackIdField()).asText();
        Expect.that(idSent.equals(idAcked.toLowerCase(Locale.ROOT)),
                kind.ackIdField() + " is " + idAcked + ", not the id sent (" + idSent + ")", a);
        JsonNode sent = record.get(kind.ackValueSource());
        JsonNode acked = ack.get(kind.ackValueField());
        Expect.that(Snapshots.sameValue(sent, acked), kind.ackValueField() + " is " + acked
                + ", not the stored value " + sent, a);
        String syncedAt = ack.path("synced_at").asText();
        Expect.that(isUtc(syncedAt), "synced_at " + syncedAt + " is not an ISO-8601 timestamp in UTC", a);
    }

    static boolean isUtc(String timestamp) {
        try {
            return OffsetDateTime.parse(timestamp).getOffset().equals(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
