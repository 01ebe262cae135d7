package org.replkit.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.replkit.conformance.model.EndpointKind;
import org.replkit.conformance.records.BoundaryValues;
import org.replkit.conformance.records.BoundaryValues.Boundary;
import org.replkit.conformance.records.Samples;
import org.replkit.conformance.records.JsonBody;
import org.replkit.conformance.records.Sendability;
import org.replkit.conformance.records.ValueClass;
import org.replkit.spec.Requirement;
import org.replkit.spec.RequirementCatalogue;
import org.replkit.spec.SchemaValidator;

/**
 * Boundary values: each lands in exactly one class with one owner, the class agrees with the JSON
 * Schema, and the classes the catalogue's level line depends on are pinned value by value.
 */
class BoundaryValuesTest {

    private static final SchemaValidator VALIDATOR = new SchemaValidator();

    /** kind, field, value as JSON text, expected class, expected owner ("-" for none). */
    @ParameterizedTest(name = "{0} {1} = {2}: {3} {4}")
    @CsvSource(delimiter = '|', value = {
        "PATTERNS | frequency       | 0                       | SENDABLE | SYNC-ACCEPT-01",
        "PATTERNS | frequency       | 9223372036854775807     | SENDABLE | SYNC-ACCEPT-01",
        "PATTERNS | frequency       | 9223372036854775808     | INVALID  | PAT-VAL-02",
        "PATTERNS | frequency       | -9223372036854775808    | INVALID  | PAT-VAL-02",
        "PATTERNS | frequency       | 18446744073709551616    | INVALID  | PAT-VAL-02",
        "PATTERNS | frequency       | -1                      | INVALID  | PAT-VAL-02",
        "PATTERNS | frequency       | 1e308                   | INVALID  | PAT-VAL-02",
        "PATTERNS | frequency       | 1.5                     | INVALID  | SYNC-VAL-03",
        "PATTERNS | frequency       | 1.0                     | ALLOWED  | -",
        "PATTERNS | frequency       | '\"156\"'               | INVALID  | SYNC-VAL-03",
        "PATTERNS | instances_count | 2147483647              | SENDABLE | SYNC-ACCEPT-01",
        "PATTERNS | instances_count | 2147483648              | INVALID  | PAT-VAL-02",
        "PATTERNS | instances_count | null                    | SENDABLE | SYNC-ACCEPT-01",
        "PATTERNS | confidence      | -0.0                    | SENDABLE | SYNC-ACCEPT-01",
        "PATTERNS | confidence      | 5e-324                  | SENDABLE | SYNC-ACCEPT-01",
        "PATTERNS | confidence      | 1                       | SENDABLE | SYNC-ACCEPT-01",
        "PATTERNS | confidence      | 1e308                   | INVALID  | PAT-VAL-02",
        "PATTERNS | confidence      | 1e-400                  | ALLOWED  | -",
        "PATTERNS | confidence      | null                    | INVALID  | PAT-VAL-01",
        "METRICS  | avg_execution_time_ms | 1e308             | SENDABLE | SYNC-ACCEPT-01",
        "METRICS  | avg_execution_time_ms | 1e309             | ALLOWED  | -",
        "METRICS  | avg_execution_time_ms | -1                | INVALID  | MET-VAL-02",
        "METRICS  | success_rate    | 1.0000001               | INVALID  | MET-VAL-02",
        "PATTERNS | name            | '\"\"'                  | INVALID  | PAT-VAL-01",
        "PATTERNS | name            | '\" \"'                 | INVALID  | PAT-VAL-01",
        "PATTERNS | name            | '\"a\\u0000b\"'         | ALLOWED  | -",
        "PATTERNS | name            | '\"\\ud800\"'           | ALLOWED  | -",
        "PATTERNS | name            | '\"🚀🧪\"'              | SENDABLE | SYNC-ACCEPT-01",
        "PATTERNS | name            | '\"\u202eשלום\"'        | SENDABLE | SYNC-ACCEPT-01",
        "PATTERNS | name            | 5                       | INVALID  | SYNC-VAL-03",
        "PATTERNS | description     | '\"\"'                  | SENDABLE | SYNC-ACCEPT-01",
        "PATTERNS | description     | '\" \"'                 | SENDABLE | SYNC-ACCEPT-01",
        "METRICS  | instance_id     | '\"\\t\\n\"'            | INVALID  | MET-VAL-01",
        "PATTERNS | id              | '\"not-a-uuid\"'        | INVALID  | SYNC-VAL-01",
        "PATTERNS | id              | '\"0194A7B2-6C1E-7F3A-9D2B-4E5F6A7B8C9D\"' | ALLOWED | -",
        "PATTERNS | updated_at      | '\"2025-02-30T00:00:00Z\"'   | INVALID  | SYNC-VAL-02",
        "PATTERNS | updated_at      | '\"9999-12-30T23:59:59+00:00\"' | SENDABLE | SYNC-ACCEPT-01",
        "PATTERNS | updated_at      | '\"9999-12-31T23:59:59.999999+00:00\"' | ALLOWED | -",
        "PATTERNS | updated_at      | '\"0002-01-01T00:00:00+00:00\"' | SENDABLE | SYNC-ACCEPT-01",
        "PATTERNS | updated_at      | '\"0001-12-31T23:59:59+00:00\"' | ALLOWED | -",
        "PATTERNS | approved_at     | '\"2025-01-10T10:00:00\"'    | INVALID  | SYNC-VAL-03",
        "PATTERNS | approved_at     | '\"2025-01-10t10:00:00z\"'   | ALLOWED  | -",
        "PATTERNS | approved_at     | '\"0000-01-01T00:00:00Z\"'   | ALLOWED  | -",
        "PATTERNS | examples        | '{}'                    | SENDABLE | SYNC-ACCEPT-01",
        "PATTERNS | examples        | '{\"k\":\"\\u0000\"}'   | ALLOWED  | -",
        "PATTERNS | examples        | '[]'                    | INVALID  | SYNC-VAL-03",
        "PATTERNS | best_practices  | '[1]'                   | INVALID  | SYNC-VAL-03",
        "PATTERNS | best_practices  | '[\"a\\u0000\"]'        | ALLOWED  | -",
    })
    void valueClassesFollowTheSchemaAndTheSendersColumns(EndpointKind kind, String field, String json, ValueClass.Kind expected,
                                                         String owner) {
        ValueClass c = Sendability.of(kind).value(field, JsonBody.parseValue(json));
        assertEquals(expected, c.kind(), c.toString());
        assertEquals(owner.equals("-") ? null : owner, c.requirementId(), c.toString());
    }

    @ParameterizedTest
    @EnumSource(value = EndpointKind.class, names = {"PATTERNS", "METRICS"})
    void everyBoundaryValueBelongsToExactlyOneRequirementOfItsEndpoint(EndpointKind kind) {
        RequirementCatalogue catalogue = RequirementCatalogue.get();
        for (Boundary b : BoundaryValues.of(kind)) {
            ValueClass c = b.valueClass();
            if (c.isAllowed()) {
                assertNull(c.requirementId(), b.toString());
                continue;
            }
            assertNotNull(c.requirementId(), b.toString());
            Requirement owner = catalogue.byId(c.requirementId());
            assertTrue(owner.appliesTo(kind.key()), b + " belongs to " + owner.id() + ", not a rule of " + kind.key());
            if (c.isSendable()) {
                assertEquals("SYNC-ACCEPT-01", owner.id(), b.toString());
            } else {
                assertEquals(org.replkit.spec.Level.SHOULD, owner.level(), b + ": an invalid value is a SHOULD's (the sender never sends it)");
            }
        }
    }

    /** The kit's reading against the schema validator's: sendable values are valid, invalid ones are not. */
    @ParameterizedTest
    @EnumSource(value = EndpointKind.class, names = {"PATTERNS", "METRICS"})
    void theClassesAgreeWithTheJsonSchema(EndpointKind kind) {
        for (Boundary b : BoundaryValues.of(kind)) {
            String body = b.applyTo(Samples.fresh(kind)).toString();
            ValueClass c = b.valueClass();
            if (c.isSendable()) {
                assertEquals(List.of(), VALIDATOR.violations(kind.recordSchema(), body), b.toString());
            } else if (c.isInvalid() && !c.requirementId().equals("SYNC-ERR-05")) {
                assertFalse(schemaAccepts(kind, body), b + " is invalid to the kit, valid to the schema");
            }
        }
    }

    /** The validator throws on an integer beyond 64 bits against an integer bound: that is a refusal too. */
    private static boolean schemaAccepts(EndpointKind kind, String body) {
        try {
            return VALIDATOR.isValid(kind.recordSchema(), body);
        } catch (RuntimeException beyond64Bits) {
            return false;
        }
    }

    @Test
    void acceptanceGetsTheSendableBoundariesTheLevelLineNames() {
        Set<String> patterns = BoundaryValues.forAcceptance(EndpointKind.PATTERNS).stream()
                .map(b -> b.field() + "=" + (b.json().length() > 30 ? b.json().length() + " chars" : b.json()))
                .collect(Collectors.toSet());
        for (String expected : List.of("frequency=0", "frequency=9223372036854775807", "instances_count=2147483647",
                "confidence=-0.0", "confidence=5e-324", "confidence=326 chars", "name=\"🚀🧪👩‍💻\"",
                "description=" + (BoundaryValues.EVERY_RECEIVER_TAKES - 4 * 1024 + 2) + " chars",
                "updated_at=\"0002-01-01T00:00:00+00:00\"", "updated_at=\"9999-12-30T23:59:59+00:00\"")) {
            assertTrue(patterns.contains(expected), expected + " not in " + patterns);
        }
        // Bigger records are the receiver's size limit to choose; times outside the sender's columns it never sends.
        for (String unexpected : List.of("description=" + (BoundaryValues.JUST_UNDER_ONE_MIB + 2) + " chars",
                "updated_at=\"0001-01-01T00:00:00+00:00\"")) {
            assertFalse(patterns.contains(unexpected), unexpected + " in " + patterns);
        }
        Set<String> metrics = BoundaryValues.forAcceptance(EndpointKind.METRICS).stream()
                .map(b -> b.field() + "=" + (b.json().length() > 30 ? b.json().length() + " chars" : b.json()))
                .collect(Collectors.toSet());
        assertTrue(metrics.contains("avg_execution_time_ms=309 chars"), "1e308 as the sender writes it: " + metrics);
        for (EndpointKind kind : List.of(EndpointKind.PATTERNS, EndpointKind.METRICS)) {
            BoundaryValues.forAcceptance(kind).forEach(b -> assertTrue(b.valueClass().isSendable(), b.toString()));
        }
    }

    @Test
    void aValueOverOneMibIsTheSizeRulesWhateverTheField() {
        for (Boundary b : BoundaryValues.of(EndpointKind.PATTERNS)) {
            if (b.json().length() > BoundaryValues.ONE_MIB) {
                assertEquals("SYNC-ERR-05", b.valueClass().requirementId(), b.toString());
            }
        }
    }

    @Test
    void recordsCombineTheirValuesOwnerByPrecedenceAndRulesAcrossFields() {
        Sendability metrics = Sendability.of(EndpointKind.METRICS);
        ObjectNode r = Samples.fresh(EndpointKind.METRICS);
        assertEquals(ValueClass.Kind.SENDABLE, metrics.record(r).kind());
        ObjectNode swapped = r.deepCopy();
        swapped.put("p50_execution_time_ms", 9_999_999);
        assertEquals("MET-VAL-02", metrics.record(swapped).requirementId(), "p50 above p95");
        swapped.put("id", "nope");
        assertEquals("SYNC-VAL-01", metrics.record(swapped).requirementId(), "the id's rule comes first");
        ObjectNode extra = r.deepCopy();
        extra.put("added_column", 1);
        assertEquals("SYNC-ACCEPT-02", metrics.record(extra).requirementId());
        extra.put("added_column", "a\u0000");
        assertEquals(ValueClass.Kind.ALLOWED, metrics.record(extra).kind(), "an unknown field the sender could not have");
    }

    @Test
    void parsingNoticesDuplicateKeys() {
        assertTrue(JsonBody.parse(bytes("{\"a\":1,\"a\":2}")).duplicateKeys());
        assertFalse(JsonBody.parse(bytes("{\"a\":1}")).duplicateKeys());
    }

    @Test
    void parsingIsStrictUtf8AndOneJsonValueAtAnyDepth() {
        assertFalse(JsonBody.parse(new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'}).isJson());
        assertFalse(JsonBody.parse(bytes("{\"a\":1} x")).isJson());
        assertFalse(JsonBody.parse(bytes("  ")).isJson());
        assertFalse(JsonBody.parse(bytes("{'a':1}")).isJson());
        assertTrue(JsonBody.parse(bytes("[".repeat(50_000) + "]".repeat(50_000))).isJson());
        assertTrue(JsonBody.parse(bytes(BoundaryValues.nestedObject(50_000))).isJson());
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
