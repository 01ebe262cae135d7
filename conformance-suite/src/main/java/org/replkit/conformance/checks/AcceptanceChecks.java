package org.replkit.conformance.checks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;
import org.replkit.conformance.checks.support.Cases;
import org.replkit.conformance.checks.support.Expect;
import org.replkit.conformance.checks.support.InputProperty;
import org.replkit.conformance.checks.support.ReceiverUnderTest;
import org.replkit.conformance.checks.support.RequirementCheck;
import org.replkit.conformance.http.Answer;
import org.replkit.conformance.records.BoundaryValues;
import org.replkit.conformance.records.RecordGen;
import org.replkit.conformance.records.Samples;
import org.replkit.conformance.records.JsonBody;
import org.replkit.conformance.records.Sendability;
import org.replkit.spec.Level;

/** Valid records are accepted: any record the sender can send, and records with fields added later. */
public class AcceptanceChecks {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @RequirementCheck(id = "SYNC-ACCEPT-01", level = Level.MUST,
            title = "records generated from the schema, optional fields absent or null, and sendable boundary values are answered 200 with a JSON ack")
    void validRecordsAreAccepted(ReceiverUnderTest r) {
        RecordGen gen = new RecordGen(r.kind());
        ObjectNode sample = Samples.fresh(r.kind());
        Cases cases = new Cases(r.target());
        for (String optional : optionalFields(gen, sample)) {
            cases.run(optional + " is null", () -> {
                ObjectNode nulls = Samples.fresh(r.kind());
                nulls.putNull(optional);
                accepted(r, nulls, optional + " is null");
            });
            cases.run(optional + " is absent", () -> {
                ObjectNode absent = Samples.fresh(r.kind());
                absent.remove(optional);
                accepted(r, absent, optional + " is absent");
            });
        }
        // Boundary values the sender can send, each once: 2^63-1, -0.0, 5e-324 and 1e308 (also as the
        // sender's jsonb writes them), emoji, right-to-left text, a 60 KiB record, the first and last times
        // the sender's columns hold. Larger records are the receiver's size limit to choose (SYNC-ERR-05).
        for (BoundaryValues.Boundary b : BoundaryValues.forAcceptance(r.kind())) {
            ObjectNode record = b.applyTo(Samples.fresh(r.kind()));
            if (sendable(r, record)) {
                cases.run("a record where " + b.describe(), () -> accepted(r, record, "a record where " + b.describe()));
            }
        }
        cases.run("records generated from the schema", () ->
                InputProperty.check(r.target(), gen.templates(), t -> accepted(r, RecordGen.withId(t, UUID.randomUUID()), "a valid record")));
        cases.finish();
    }

    @RequirementCheck(id = "SYNC-ACCEPT-02", level = Level.MUST,
            title = "records with unknown extra fields are answered 200")
    void extraFieldsAreIgnored(ReceiverUnderTest r) {
        Gen<ObjectNode> templates = new RecordGen(r.kind()).templates();
        Gen<JsonNode> extraValue = Generate.oneOf(
                SourceDSL.strings().basicLatinAlphabet().ofLengthBetween(0, 12).map(s -> (JsonNode) NODES.textNode(s)),
                SourceDSL.integers().between(-1000, 1000).map(i -> (JsonNode) NODES.numberNode(i)),
                Generate.constant(() -> (JsonNode) NODES.nullNode()),
                Generate.constant(() -> (JsonNode) NODES.objectNode().put("nested", true)),
                Generate.constant(() -> (JsonNode) NODES.arrayNode().add("a").add(1)));
        Gen<List<Map.Entry<String, JsonNode>>> extras = SourceDSL.lists()
                .of(SourceDSL.strings().betweenCodePoints('a', 'z').ofLengthBetween(1, 10)
                        .zip(extraValue, (name, v) -> Map.entry("x_" + name, v)))
                .ofSizeBetween(1, 3);
        Gen<WithExtras> withExtras = templates.zip(extras, WithExtras::new).describedAs(WithExtras::toString);
        ObjectNode column = Samples.fresh(r.kind());
        column.put("added_column", "a column the sender added later");
        acceptedWithExtras(r, column, Samples.fresh(r.kind()), "a record with an extra column");
        InputProperty.check(r.target(), withExtras, w -> acceptedWithExtras(r, RecordGen.withId(w.withExtras(), UUID.randomUUID()),
                RecordGen.withId(w.template(), UUID.randomUUID()), "a valid record with extra fields"));
    }

    /** A valid record template and the unknown fields added to it. */
    record WithExtras(ObjectNode template, List<Map.Entry<String, JsonNode>> extras) {
        ObjectNode withExtras() {
            ObjectNode copy = template.deepCopy();
            extras.forEach(x -> copy.set(x.getKey(), x.getValue()));
            return copy;
        }

        @Override
        public String toString() {
            return withExtras().toString();
        }
    }

    /** Judged only when the same record without the extra fields is accepted: else it is SYNC-ACCEPT-01's failure. */
    private static void acceptedWithExtras(ReceiverUnderTest r, ObjectNode withExtras, ObjectNode without, String what) {
        Answer a = r.deliver(withExtras);
        if (a.status() != 200) {
            r.acceptedAsObservation(r.deliver(without), "the same record without its extra fields");
        }
        Expect.status(a, 200, what + " (accepted without them)");
    }

    private static void accepted(ReceiverUnderTest r, ObjectNode record, String what) {
        Answer a = r.deliver(record);
        Expect.status(a, 200, what);
        Expect.that(a.json().map(JsonNode::isObject).orElse(false),
                what + ": the 200 answer is not a JSON object", a);
    }

    /** The whole record still one the sender can send (a boundary value may break a rule across fields). */
    private static boolean sendable(ReceiverUnderTest r, ObjectNode record) {
        byte[] body = ReceiverUnderTest.bytes(record);
        return body.length <= BoundaryValues.EVERY_RECEIVER_TAKES
                && Sendability.of(r.kind()).record(JsonBody.parse(body).node()).isSendable();
    }

    private static List<String> optionalFields(RecordGen gen, ObjectNode sample) {
        List<String> out = new java.util.ArrayList<>();
        sample.fieldNames().forEachRemaining(f -> {
            if (!gen.required().contains(f)) {
                out.add(f);
            }
        });
        return out;
    }
}
