package org.replkit.conformance.records;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * A JSON value written as PostgreSQL writes a jsonb as text, which is what the sender (pg_net) sends:
 * a space after every ':' and ','. The same value as compact JSON, in other bytes.
 */
public final class JsonbText {

    private JsonbText() {
    }

    public static String write(JsonNode node) {
        StringBuilder b = new StringBuilder();
        write(node, b);
        return b.toString();
    }

    private static void write(JsonNode node, StringBuilder b) {
        if (node.isObject()) {
            b.append('{');
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                b.append(com.fasterxml.jackson.databind.node.TextNode.valueOf(f.getKey()).toString()).append(": ");
                write(f.getValue(), b);
                if (fields.hasNext()) {
                    b.append(", ");
                }
            }
            b.append('}');
        } else if (node.isArray()) {
            b.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    b.append(", ");
                }
                write(node.get(i), b);
            }
            b.append(']');
        } else {
            b.append(node.toString());
        }
    }
}
