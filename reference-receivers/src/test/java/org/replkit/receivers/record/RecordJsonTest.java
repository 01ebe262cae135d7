package org.replkit.receivers.record;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Writing a tree node by node gives exactly the bytes the mapper writes, for every kind of node a record holds. */
class RecordJsonTest {

    private static final List<String> DOCUMENTS = List.of(
            "{}", "[]", "{\"a\":{},\"b\":[],\"c\":null,\"d\":true,\"e\":false}",
            "{\"n\":[0,-1,2147483647,2147483648,9223372036854775807,-9223372036854775808,18446744073709551616]}",
            "{\"f\":[0.5,-0.0,1e2,1.0,1E+400,1e-400,12345.678,5e-324,1.7976931348623157e308,100E-2]}",
            "{\"s\":[\"\",\"\\u0001\\t\\n\\\"\\\\/\",\"\\u05e9\\u05dc\\u05d5\\u05dd\",\"\\ud83d\\ude00\",\"\\u2028\\u00a0\"]}",
            "{\"examples\":{\"code_snippet\":\"use GenServer\",\"nested\":[{\"k\":[1,\"x\",null,{\"deep\":[[]]}]}]}}",
            "[" .repeat(999) + "]".repeat(999));

    @Test
    void parsedDocumentsAreWrittenAsTheMapperWritesThem() {
        for (String document : DOCUMENTS) {
            JsonNode tree = RecordJson.read(document.getBytes(StandardCharsets.UTF_8));
            assertEquals(new String(RecordJson.write(tree), StandardCharsets.UTF_8),
                    new String(RecordJson.writeTree(tree), StandardCharsets.UTF_8), document);
        }
    }

    @Test
    void canonicalValuesAreWrittenAsTheMapperWritesThem() {
        ObjectNode record = JsonNodeFactory.instance.objectNode();
        record.put("frequency", 156L).put("confidence", 0.94).put("zero", 0.0).put("tiny", 5e-324).put("count", 3)
                .put("name", "gen_server_pattern").putNull("description");
        assertEquals(new String(RecordJson.write(record), StandardCharsets.UTF_8),
                new String(RecordJson.writeTree(record), StandardCharsets.UTF_8));
    }
}
