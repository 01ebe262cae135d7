package org.replkit.receivers.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.replkit.receivers.record.RecordValidator.Problem;
import tools.jackson.databind.JsonNode;

/** Values no column of their type can hold, each refused with the field named; one good and one bad input per rule, no server. */
class ColumnFitTest {

    private static JsonNode json(String text) {
        return RecordJson.read(text.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"9223372036854775808", "-9223372036854775809", "18446744073709551616", "1e308", "-1e308",
            "1e19", "99999999999999999999999", "1E+999999999"})
    void integersBeyond64BitsDoNotFitABigint(String number) {
        String problem = ColumnFit.bigintProblem(json(number));
        assertNotNull(problem, number);
        assertTrue(problem.contains("64-bit"), problem);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.5", "0.1", "-2.25", "1e-1", "9007199254740993.5"})
    void integersWithAFractionAreRefused(String number) {
        assertTrue(ColumnFit.bigintProblem(json(number)).startsWith("must be an integer"), number);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-0", "1", "9223372036854775807", "-9223372036854775808", "1.0", "1e2", "-0.0", "1.000"})
    void integersInRangeFit(String number) {
        assertNull(ColumnFit.bigintProblem(json(number)), number);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e309", "-1e309", "1e400", "1E+999999999", "2e308"})
    void numbersBeyondADoubleAreRefused(String number) {
        assertTrue(ColumnFit.doubleProblem(json(number)).contains("beyond the range"), number);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e-400", "-1e-400", "2e-324", "1E-999999999"})
    void numbersThatWouldRoundToZeroAreRefused(String number) {
        // PostgreSQL refuses them too: "1e-400" is out of range for type double precision.
        assertTrue(ColumnFit.doubleProblem(json(number)).contains("too small"), number);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-0.0", "0.0", "5e-324", "4.9e-324", "1.7976931348623157e308", "-1.7976931348623157e308",
            "0.94", "123456789012345678901234567890"})
    void numbersADoubleHoldsFit(String number) {
        assertNull(ColumnFit.doubleProblem(json(number)), number);
    }

    @Test
    void textWithNulOrAnUnpairedSurrogateIsRefused() {
        assertTrue(ColumnFit.textProblem("a\u0000b").contains("NUL"));
        for (String s : List.of("\ud800", "\udc00", "a\ud800b", "\ude00\ud83d", "x\ud83d")) {
            assertTrue(ColumnFit.textProblem(s).contains("unpaired surrogate"), s);
        }
        for (String s : List.of("", " ", "gen_server_pattern", "\ud83d\ude00 emoji", "\u05e9\u05dc\u05d5\u05dd right-to-left", "%s%n'; DROP TABLE x;--")) {
            assertNull(ColumnFit.textProblem(s), s);
        }
    }

    @Test
    void jsonbIsCheckedAllTheWayDown() {
        assertNotNull(ColumnFit.jsonbProblem(json("{\"a\":[{\"b\":\"x\\u0000\"}]}")), "NUL deep in a value");
        assertNotNull(ColumnFit.jsonbProblem(json("{\"a\\u0000\":1}")), "NUL in a key");
        assertNotNull(ColumnFit.jsonbProblem(json("[\"ok\", \"\\ud800\"]")), "unpaired surrogate in an array");
        assertNotNull(ColumnFit.jsonbProblem(json("{\"big\": 1e200000}")), "beyond PostgreSQL numeric");
        assertNotNull(ColumnFit.jsonbProblem(json("{\"tiny\": 1e-20000}")), "beyond numeric's 16383 fraction digits");
        assertNull(ColumnFit.jsonbProblem(json("{\"a\":[1, 1e308, 1e-300, \"\\ud83d\\ude00\", {\"b\": null}]}")));
    }

    @Test
    void everyProblemNamesItsFieldAndTheRule() {
        JsonNode record = json("{\"frequency\": 1e308, \"confidence\": 1e-400, \"name\": \"\\u0000\", \"examples\": {\"k\": \"\\udc00\"},"
                + " \"instances_count\": 2.5, \"description\": 3}");
        List<Problem> problems = new ArrayList<>();
        ColumnFit.check(RecordKind.PATTERNS, record, problems);
        List<String> fields = problems.stream().map(p -> p.message().substring(0, p.message().indexOf(':'))).toList();
        assertEquals(List.of("$.name", "$.frequency", "$.confidence", "$.examples", "$.instances_count"), fields);
        assertTrue(problems.stream().allMatch(p -> p.requirement().equals("SYNC-VAL-03")));
    }
}
