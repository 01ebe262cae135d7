package org.replkit.receivers.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.replkit.receivers.testsupport.Records;
import org.replkit.spec.SchemaValidator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The compiled record rules agree with the general JSON Schema validator (networknt, the oracle) on
 * every record: the spec's samples with 1 to 4 fields replaced by boundary values of every JSON type
 * (or removed), and each boundary value in each field. Agreement means the same verdict and the
 * same violations, as (field, keyword) pairs, so both map to the same requirements.
 */
class CompiledRecordRulesPropertyTest {

    private static final SchemaValidator ORACLE = new SchemaValidator();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ABSENT = "<absent>";

    private static final List<String> BOUNDARY_VALUES = List.of(ABSENT, "null", "true", "false", "{}", "[]", "[\"a\",\"\"]", "[1]",
            "[null]", "{\"k\":[1,\"x\"]}",
            // numbers
            "0", "-0", "-0.0", "1", "-1", "1.0", "1e2", "1.5", "0.5", "1.0000001", "1.0000000000000001", "0.9999999999999999",
            "2147483647", "2147483648", "9223372036854775807", "-9223372036854775808", "5e-324", "1e-300", "-1e-300",
            "1.7976931348623157e308", "12345.678", "1E0", "100E-2",
            // strings
            "\"\"", "\" \"", "\"\\t \"", "\"x\"", "\"\\u00a0\"", "\"\\u2028\"", "\"\\ufeff\"", "\"\\u3000\"", "\"\\u0085\"",
            "\"\\ud83d\\ude00\"", "\"\u05e9\u05dc\u05d5\u05dd\"", "\"1\"", "\"NaN\"",
            "\"" + "y".repeat(64) + "\"", "\"" + "y".repeat(65) + "\"", "\"" + "z".repeat(255) + "\"", "\"" + "z".repeat(256) + "\"",
            "\"" + "\\ud83d\\ude00".repeat(255) + "\"", "\"" + "\\ud83d\\ude00".repeat(256) + "\"",
            // ids
            "\"6f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0\"", "\"6F1E2D3C-4B5A-4968-8776-A5B4C3D2E1F0\"", "\"6f1e2d3c4b5a49688776a5b4c3d2e1f0\"",
            "\"{6f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0}\"", "\"6f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f\"", "\"6f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0\\n\"",
            "\"g f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0\"",
            // timestamps
            "\"2025-01-10T10:00:00Z\"", "\"2025-01-10t10:00:00z\"", "\"2025-01-10T10:00:00+05:30\"", "\"2025-01-10T10:00:00.123456789Z\"",
            "\"9999-12-31T23:59:59.999999Z\"", "\"0001-01-01T00:00:00Z\"", "\"0000-01-01T00:00:00Z\"", "\"2025-02-30T00:00:00Z\"",
            "\"2025-01-01T23:59:60Z\"", "\"2016-12-31T23:59:60Z\"", "\"2025-01-10T10:00:00\"", "\"2025-01-10 10:00:00Z\"",
            "\"2025-01-10T10:00Z\"", "\"2025-01-10\"", "\"2025-01-01T00:00:00+19:00\"", "\"2025-01-01T00:00:00-00:00\"",
            "\"yesterday\"", "\"+2025-01-10T10:00:00Z\"", "\"2025-01-10T10:00:00.Z\"", "\"2025-01-10T10:00:00.5+05:30\"",
            "\"2025-01-10T10:00:00+05:3\"", "\"2025-01-10T10:00:00+0530\"", "\"2025-01-10T24:00:00Z\"", "\"2016-12-31T18:59:60-05:00\"",
            "\"2025-01-10T10:00:00Zx\"", "\"2025-01-10T10:00:00.\"", "\"2025-01-10T10:60:00Z\"", "\"2025-13-10T10:00:00Z\"");

    private final RecordValidator validator = new RecordValidator();

    @Test
    void everyBoundaryValueInEveryFieldIsJudgedAlike() {
        int compared = 0;
        for (RecordKind kind : RecordKind.values()) {
            for (Field field : kind.fields()) {
                for (String value : BOUNDARY_VALUES) {
                    compared += agree(kind, List.of(new Replacement(field.name(), value))) ? 1 : 0;
                }
            }
        }
        assertTrue(compared > 1_500, "compared " + compared);
    }

    @Test
    void recordsWithUpToFourBoundaryValuesAreJudgedAlike() {
        qt().withExamples(1_500).forAll(integers().between(0, 1), lists().of(integers().between(0, 1_000_000)).ofSizeBetween(1, 4))
                .checkAssert((kindNo, picks) -> {
                    RecordKind kind = RecordKind.values()[kindNo];
                    List<Replacement> replacements = new ArrayList<>();
                    for (int pick : picks) {
                        List<Field> fields = kind.fields();
                        replacements.add(new Replacement(fields.get(pick % fields.size()).name(),
                                BOUNDARY_VALUES.get(pick / fields.size() % BOUNDARY_VALUES.size())));
                    }
                    agree(kind, replacements);
                });
    }

    @Test
    void aSchemaKeywordThatIsNotCompiledStopsTheStart() {
        JsonNode schema = JSON.readTree("{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\",\"enum\":[\"x\"]}}}");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> CompiledRecordRules.compile(schema, "test"));
        assertTrue(e.getMessage().contains("enum"), e.getMessage());
    }

    private record Replacement(String field, String json) {}

    /** Compares both on the record; false when the oracle cannot judge it (a number beyond 64 bits, refused before the schema). */
    private boolean agree(RecordKind kind, List<Replacement> replacements) {
        ObjectNode record = (ObjectNode) JSON.readTree(Records.of(kind).toString());
        for (Replacement r : replacements) {
            if (r.json().equals(ABSENT)) {
                record.remove(r.field());
            } else {
                record.set(r.field(), JSON.readTree(r.json()));
            }
        }
        JsonNode parsed = RecordJson.read(record.toString().getBytes(StandardCharsets.UTF_8));
        List<RecordValidator.Problem> columnProblems = new ArrayList<>();
        ColumnFit.check(kind, parsed, columnProblems);
        if (!columnProblems.isEmpty()) {
            return false;
        }
        Set<String> expected = new TreeSet<>();
        ORACLE.violations(kind.schema(), parsed).forEach(v -> expected.add(v.field() + " " + v.keyword()));
        Set<String> actual = new TreeSet<>();
        CompiledRecordRules.compile(kind.schema()).violations(parsed).forEach(v -> actual.add(v.field() + " " + v.keyword()));
        assertEquals(expected, actual, () -> kind + " " + replacements);
        return true;
    }
}
