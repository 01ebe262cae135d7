package org.replkit.conformance.records;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;
import org.replkit.conformance.model.EndpointKind;
import org.replkit.spec.SpecSchema;

/**
 * Valid records generated from the record's JSON Schema: every property by its type, format and
 * range; required ones always present, optional ones absent, null or set. Records come without an
 * id ("templates"): a check gives each delivery a fresh one, so that a shrunk or replayed example
 * never meets a row an earlier example left on the receiver. Shrinking leads to short strings,
 * small numbers and absent optional fields: a minimal record.
 */
public final class RecordGen {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EndpointKind kind;
    private final JsonNode schema;

    public RecordGen(EndpointKind kind) {
        this.kind = kind;
        this.schema = readSchema(kind.recordSchema());
    }

    public JsonNode schema() {
        return schema;
    }

    public Set<String> required() {
        Set<String> out = new HashSet<>();
        schema.path("required").forEach(n -> out.add(n.asText()));
        return out;
    }

    /** Valid record templates (no id). */
    public Gen<ObjectNode> templates() {
        Set<String> required = required();
        List<Map.Entry<String, Gen<JsonNode>>> fields = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> p = it.next();
            if (p.getKey().equals("id")) {
                continue;
            }
            fields.add(Map.entry(p.getKey(), property(p.getValue(), required.contains(p.getKey()))));
        }
        Gen<ObjectNode> gen = rnd -> {
            ObjectNode record = NODES.objectNode();
            for (Map.Entry<String, Gen<JsonNode>> f : fields) {
                JsonNode value = f.getValue().generate(rnd);
                if (value != null) {
                    record.set(f.getKey(), value);
                }
            }
            return kind == EndpointKind.METRICS ? MetricsOrder.repair(record) : record;
        };
        return gen.describedAs(ObjectNode::toString);
    }

    /** A copy of the template with the given id as its first field. */
    public static ObjectNode withId(ObjectNode template, UUID id) {
        ObjectNode record = NODES.objectNode();
        record.put("id", id.toString());
        template.fields().forEachRemaining(e -> {
            if (!e.getKey().equals("id")) {
                record.set(e.getKey(), e.getValue().deepCopy());
            }
        });
        return record;
    }

    /** A property's values; null stands for "absent". */
    private static Gen<JsonNode> property(JsonNode def, boolean required) {
        Gen<JsonNode> value = value(def);
        if (required) {
            return value;
        }
        boolean nullable = types(def).contains("null");
        // 0 = absent, 1 = null, 2 = a value: shrinking heads for the smallest record.
        Gen<Integer> presence = Generate.range(0, 2);
        return rnd -> {
            int p = presence.generate(rnd);
            JsonNode v = value.generate(rnd);
            if (p == 0) {
                return null;
            }
            return p == 1 && nullable ? NODES.nullNode() : v;
        };
    }

    private static Gen<JsonNode> value(JsonNode def) {
        List<String> types = types(def);
        String type = types.stream().filter(t -> !t.equals("null")).findFirst().orElse("string");
        switch (type) {
            case "integer" -> {
                int min = def.path("minimum").asInt(0);
                return SourceDSL.integers().between(min, min + 1_000_000).map(i -> (JsonNode) NODES.numberNode(i));
            }
            case "number" -> {
                double min = def.path("minimum").asDouble(0);
                double max = def.has("maximum") ? def.path("maximum").asDouble() : min + 100_000;
                // Thousandths keep the evidence readable and survive any storage type.
                return SourceDSL.integers().between(0, 1000)
                        .map(k -> (JsonNode) NODES.numberNode(round3(min + (max - min) * k / 1000.0)));
            }
            case "object" -> {
                return text(1, 20).zip(text(0, 20), (code, usage) -> {
                    ObjectNode o = NODES.objectNode();
                    o.put("code_snippet", code);
                    o.put("usage_context", usage);
                    return (JsonNode) o;
                });
            }
            case "array" -> {
                return SourceDSL.lists().of(text(1, 16)).ofSizeBetween(0, 3).map(items -> {
                    ArrayNode a = NODES.arrayNode();
                    items.forEach(a::add);
                    return (JsonNode) a;
                });
            }
            case "boolean" -> {
                return Generate.booleans().map(b -> (JsonNode) NODES.booleanNode(b));
            }
            default -> {
                if ("date-time".equals(def.path("format").asText())) {
                    return Timestamps.any().map(s -> (JsonNode) NODES.textNode(s));
                }
                int min = Math.max(0, def.path("minLength").asInt(0));
                int max = Math.min(def.path("maxLength").asInt(Integer.MAX_VALUE), 24);
                // "pattern": "\\S" (never blank, as the sender's CHECK constraints say): a blank draw gets a letter.
                boolean notBlank = def.has("pattern");
                return text(Math.max(min, 1), Math.max(max, 1))
                        .map(s -> (JsonNode) NODES.textNode(notBlank && s.isBlank() ? s + "x" : s));
            }
        }
    }

    /** Printable ASCII, quotes and backslashes included, so JSON escaping is exercised too. */
    private static Gen<String> text(int min, int max) {
        return SourceDSL.strings().basicLatinAlphabet().ofLengthBetween(min, max);
    }

    static List<String> types(JsonNode def) {
        JsonNode t = def.path("type");
        List<String> out = new ArrayList<>();
        if (t.isArray()) {
            t.forEach(n -> out.add(n.asText()));
        } else if (t.isTextual()) {
            out.add(t.asText());
        }
        return out;
    }

    static double round3(double d) {
        return Math.round(d * 1000.0) / 1000.0;
    }

    static JsonNode readSchema(SpecSchema s) {
        try (InputStream in = RecordGen.class.getResourceAsStream(s.resource())) {
            if (in == null) {
                throw new IllegalStateException(s.resource() + " is not on the classpath");
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
