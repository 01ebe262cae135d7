package org.replkit.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;

/**
 * Writes openapi.yaml as one file with no external reference, for tools that load only local
 * references (Dredd, some code generators): every {@code schemas/*.json} it refers to becomes a
 * {@code components/schemas} entry (without its {@code $id} and {@code $schema}, which would move its
 * base URI), every {@code examples/*.json} a {@code components/examples} entry. The build runs it.
 */
public final class OpenApiBundle {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private OpenApiBundle() {}

    /** Usage: OpenApiBundle SPEC_DIR OUTPUT_FILE (SPEC_DIR holds openapi.yaml, schemas/, examples/). */
    public static void main(String[] args) {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: OpenApiBundle SPEC_DIR OUTPUT_FILE");
        }
        Path out = Paths.get(args[1]);
        try {
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.writeString(out, bundle(Paths.get(args[0])));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The bundled document as JSON (which YAML tools read as well). */
    public static String bundle(Path specDir) throws IOException {
        ObjectNode api = (ObjectNode) YAML.readTree(specDir.resolve("openapi.yaml").toFile());
        ObjectNode components = api.with("components");
        inline(api, specDir, components);
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(api) + "\n";
    }

    private static void inline(JsonNode node, Path specDir, ObjectNode components) throws IOException {
        JsonNode ref = node.get("$ref"); // null unless node is an object with a $ref
        if (ref != null && ref.isTextual() && !ref.asText().startsWith("#")) {
            String file = ref.asText();
            String section = file.startsWith("schemas/") ? "schemas" : file.startsWith("examples/") ? "examples" : null;
            if (section == null) {
                throw new IllegalStateException("openapi.yaml refers to " + file + ", outside schemas/ and examples/");
            }
            String name = componentName(file);
            ObjectNode target = components.with(section);
            if (!target.has(name)) {
                ObjectNode content = (ObjectNode) JSON.readTree(specDir.resolve(file).toFile());
                content.remove("$id");
                content.remove("$schema");
                target.set(name, content);
            }
            ((ObjectNode) node).put("$ref", "#/components/" + section + "/" + name);
            return;
        }
        for (JsonNode child : node) { // an object's values, an array's items
            inline(child, specDir, components);
        }
    }

    /** schemas/pattern-record.schema.json becomes PatternRecord; examples/error-invalid.example.json ErrorInvalid. */
    static String componentName(String file) {
        String base = file.substring(file.lastIndexOf('/') + 1).replaceFirst("\\.(schema|example)\\.json$", "");
        StringBuilder b = new StringBuilder();
        for (String part : base.split("-")) {
            b.append(part.substring(0, 1).toUpperCase(Locale.ROOT)).append(part.substring(1));
        }
        return b.toString();
    }
}
