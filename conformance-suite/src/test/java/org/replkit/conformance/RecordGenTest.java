package org.replkit.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.replkit.conformance.model.EndpointKind;
import org.replkit.conformance.records.RecordGen;
import org.replkit.conformance.records.Samples;
import org.replkit.conformance.records.Timestamps;
import org.replkit.conformance.records.Violation;
import org.replkit.conformance.records.Violations;
import org.replkit.spec.SchemaValidator;

/** The generators the checks rely on: valid records are valid, violations really violate. */
class RecordGenTest {

    private static final SchemaValidator VALIDATOR = new SchemaValidator();

    @ParameterizedTest
    @EnumSource(value = EndpointKind.class, names = {"PATTERNS", "METRICS"})
    void generatedRecordsAreValid(EndpointKind kind) {
        RecordGen gen = new RecordGen(kind);
        qt().withExamples(300).forAll(gen.templates()).checkAssert(t -> {
            String json = RecordGen.withId(t, UUID.randomUUID()).toString();
            assertEquals(List.of(), VALIDATOR.violations(kind.recordSchema(), json), json);
        });
    }

    @ParameterizedTest
    @EnumSource(value = EndpointKind.class, names = {"PATTERNS", "METRICS"})
    void samplesAreValid(EndpointKind kind) {
        assertTrue(VALIDATOR.isValid(kind.recordSchema(), Samples.fresh(kind).toString()));
    }

    @ParameterizedTest
    @EnumSource(value = EndpointKind.class, names = {"PATTERNS", "METRICS"})
    void everySchemaViolationIsSeenByTheSchema(EndpointKind kind) {
        List<Violation> all = Violations.of(kind);
        assertTrue(all.size() > 30, "violations for " + kind + ": " + all.size());
        for (Violation v : all) {
            ObjectNode broken = v.applyTo(Samples.fresh(kind));
            boolean crossField = v.changes() != null && v.changes().size() > 1;
            // Rules across fields are beyond a schema (MET-VAL-02 checks them beside it).
            assertEquals(!crossField, !schemaAccepts(kind, broken.toString()), v + ": " + broken);
        }
    }

    /** The validator's maximum and minimum checks throw on an integer beyond 64 bits (1e308): that is a refusal too. */
    private static boolean schemaAccepts(EndpointKind kind, String json) {
        try {
            return VALIDATOR.isValid(kind.recordSchema(), json);
        } catch (RuntimeException beyond64Bits) {
            return false;
        }
    }

    @ParameterizedTest
    @EnumSource(value = EndpointKind.class, names = {"PATTERNS", "METRICS"})
    void violationsAreAttributedByLevel(EndpointKind kind) {
        for (Violation v : Violations.of(kind)) {
            if (v.field().equals("id")) {
                assertEquals("SYNC-VAL-01", v.requirementId(), v.toString());
            } else if (v.field().equals("updated_at")) {
                assertEquals("SYNC-VAL-02", v.requirementId(), v.toString());
            } else {
                assertFalse(v.requirementId().equals("SYNC-VAL-01") || v.requirementId().equals("SYNC-VAL-02"), v.toString());
            }
        }
    }

    @org.junit.jupiter.api.Test
    void timestampsInAnyOffsetNameTheSameInstant() {
        qt().forAll(Timestamps.any()).checkAssert(ts -> {
            java.time.Instant i = Timestamps.parse(ts);
            assertEquals(i, Timestamps.parse(Timestamps.utc(i)));
        });
    }
}
