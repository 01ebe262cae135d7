package org.replkit.spec;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Validates JSON documents against the contract's schemas (draft 2020-12, with "format" asserted
 * so that date-time fields are really checked). Thread-safe; build one and share it.
 */
public final class SchemaValidator {

    private final Map<SpecSchema, Schema> schemas = new EnumMap<>(SpecSchema.class);

    public SchemaValidator() {
        SchemaRegistryConfig config = SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build();
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(
                SpecificationVersion.DRAFT_2020_12, b -> b.schemaRegistryConfig(config));
        for (SpecSchema s : SpecSchema.values()) {
            schemas.put(s, registry.getSchema(ClasspathText.read(s.resource())));
        }
    }

    /**
     * The violations of {@code json} against {@code schema}, each as "field: what is wrong";
     * empty when the document is valid. {@code json} must already be well-formed JSON.
     */
    public List<Violation> violations(SpecSchema schema, String json) {
        List<Error> errors;
        try {
            errors = schemas.get(schema).validate(json, InputFormat.JSON);
        } catch (RuntimeException e) {
            // The validator's minimum/maximum arithmetic throws on a number beyond 64 bits (1e308 in
            // an integer field): such a document is invalid, and says where.
            return outOfRange(json, e);
        }
        return errors.stream().map(Violation::of).toList();
    }

    private static List<Violation> outOfRange(String json, RuntimeException cause) {
        try {
            com.fasterxml.jackson.databind.JsonNode doc = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
            List<Violation> out = new java.util.ArrayList<>();
            doc.fields().forEachRemaining(f -> {
                if (f.getValue().isNumber() && !f.getValue().canConvertToLong()) {
                    out.add(new Violation(f.getKey(), "maximum", "$." + f.getKey() + ": " + f.getValue().asText()
                            + " is beyond the range of a 64-bit number"));
                }
            });
            if (!out.isEmpty()) {
                return out;
            }
        } catch (java.io.IOException ignored) {
            // not JSON at all; the caller promised it is
        }
        return List.of(new Violation("", "type", "$: a value is out of the range the schema's keywords can check ("
                + cause.getClass().getSimpleName() + ")"));
    }

    /**
     * The violations of an already parsed document: a caller that has the tree (a receiver that
     * parsed the request body once) validates it without serialising and parsing it again. Number
     * nodes must fit the keywords' arithmetic: the validator's minimum and maximum checks throw on
     * an integer beyond 64 bits, so such values are refused before this is called.
     */
    public List<Violation> violations(SpecSchema schema, tools.jackson.databind.JsonNode document) {
        return schemas.get(schema).validate(document).stream().map(Violation::of).toList();
    }

    public boolean isValid(SpecSchema schema, String json) {
        return violations(schema, json).isEmpty();
    }

    /**
     * One schema violation.
     *
     * @param field   the top-level field concerned ("" for the document itself)
     * @param keyword the schema keyword that failed (required, type, minimum, format, ...)
     * @param message a sentence naming the field and what is wrong
     */
    public record Violation(String field, String keyword, String message) {

        static Violation of(Error e) {
            // Instance locations are JSON Pointers: "/confidence", "/examples/code", "" for the document.
            String pointer = e.getInstanceLocation().toString();
            String field = e.getProperty() != null ? e.getProperty() : topLevelField(pointer);
            String path = "$" + pointer.replace('/', '.');
            // "$.confidence: must have a maximum value of 1", "$: required property 'name' not found"
            return new Violation(field, e.getKeyword(), path + ": " + e.getMessage());
        }

        private static String topLevelField(String pointer) {
            if (pointer == null || pointer.length() < 2) {
                return "";
            }
            int cut = pointer.indexOf('/', 1);
            return cut < 0 ? pointer.substring(1) : pointer.substring(1, cut);
        }
    }
}
