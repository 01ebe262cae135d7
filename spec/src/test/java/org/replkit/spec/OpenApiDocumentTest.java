package org.replkit.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document works with other tools: every request and response has an example that its
 * schema accepts, the bundled copy has no external reference, and a standard linter (Redocly CLI,
 * installed by tools/bin/ci-prepare.sh) finds no error and no warning in either file.
 */
class OpenApiDocumentTest {

    static final Path SPEC = Paths.get("").toAbsolutePath();
    static final Path BUNDLED = Paths.get("target", "classes", "replication-spec", "openapi.bundled.json");

    private final SchemaValidator validator = new SchemaValidator();

    @Test
    void everyExampleIsValidAgainstItsSchema() throws IOException {
        Map<String, SpecSchema> schemaOf = Map.of(
                "pattern-record", SpecSchema.PATTERN_RECORD, "metrics-record", SpecSchema.METRICS_RECORD,
                "pattern-ack", SpecSchema.PATTERN_ACK, "metrics-ack", SpecSchema.METRICS_ACK,
                "status-response", SpecSchema.STATUS_RESPONSE);
        int checked = 0;
        try (var files = Files.list(SPEC.resolve("examples"))) {
            for (Path f : files.sorted().toList()) {
                String name = f.getFileName().toString().replace(".example.json", "");
                JsonNode value = new ObjectMapper().readTree(f.toFile()).path("value");
                SpecSchema schema = name.startsWith("error-") ? SpecSchema.ERROR : schemaOf.get(name);
                if (schema == null) {
                    continue; // health: its schema is inline in openapi.yaml
                }
                assertEquals(List.of(), validator.violations(schema, value.toString()), f.toString());
                checked++;
            }
        }
        assertEquals(12, checked);
    }

    @Test
    void everyOperationHasADescriptionAndEveryBodyAnExample() throws IOException {
        JsonNode api = new ObjectMapper(new YAMLFactory()).readTree(SPEC.resolve("openapi.yaml").toFile());
        assertFalse(api.path("info").path("contact").isMissingNode(), "info.contact");
        assertTrue(api.path("paths").has("/health"), "GET /health is documented");
        List<String> missing = new ArrayList<>();
        api.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            String where = op.getKey().toUpperCase() + " " + path.getKey();
            if (!op.getValue().hasNonNull("description")) {
                missing.add(where + ": description");
            }
            JsonNode body = op.getValue().path("requestBody").path("content").path("application/json");
            if (!body.isMissingNode() && !body.has("examples")) {
                missing.add(where + ": request example");
            }
            boolean contract = !path.getKey().equals("/health");
            boolean has4xx = false;
            for (var it = op.getValue().path("responses").fieldNames(); it.hasNext(); ) {
                has4xx |= it.next().startsWith("4");
            }
            if (contract && !has4xx) {
                missing.add(where + ": a 4xx answer");
            }
            op.getValue().path("responses").fields().forEachRemaining(r -> {
                // JSON for the contract; GET /metrics answers Prometheus text.
                boolean example = false;
                for (JsonNode media : r.getValue().path("content")) {
                    example |= media.has("examples");
                }
                if (!r.getValue().has("$ref") && !example) {
                    missing.add(where + " " + r.getKey() + ": response example");
                }
            });
        }));
        api.path("components").path("responses").fields().forEachRemaining(r -> {
            if (!r.getValue().path("content").path("application/json").has("examples")) {
                missing.add("components.responses." + r.getKey() + ": example");
            }
        });
        assertEquals(List.of(), missing);
    }

    @Test
    void theBundledCopyHasNoExternalReference() throws IOException {
        assertTrue(Files.exists(BUNDLED), "the build writes " + BUNDLED);
        String text = Files.readString(BUNDLED);
        List<String> external = new ArrayList<>();
        new ObjectMapper().readTree(text).findValues("$ref").forEach(ref -> {
            if (!ref.asText().startsWith("#/")) {
                external.add(ref.asText());
            }
        });
        assertEquals(List.of(), external);
        assertEquals(text, OpenApiBundle.bundle(SPEC), "the bundled copy is current");
    }

    @Test
    void redoclyFindsNoErrorAndNoWarning() throws Exception {
        for (Path document : List.of(SPEC.resolve("openapi.yaml"), BUNDLED.toAbsolutePath())) {
            JsonNode totals = new ObjectMapper().readTree(lint(document)).path("totals");
            assertEquals(0, totals.path("errors").asInt(-1), document + ": " + totals);
            assertEquals(0, totals.path("warnings").asInt(-1), document + ": " + totals);
            assertEquals(0, totals.path("ignored").asInt(-1), document + ": " + totals);
        }
    }

    private static String lint(Path document) throws IOException, InterruptedException {
        Path tools = SPEC.resolve("../tools").normalize();
        Path redocly = tools.resolve("node_modules/.bin/redocly");
        assertTrue(Files.isExecutable(redocly), "Redocly CLI is not installed: run tools/bin/ci-prepare.sh");
        ProcessBuilder pb = new ProcessBuilder(redocly.toString(), "lint", "--format=json", "--config",
                tools.resolve("redocly.yaml").toString(), document.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        // No usage data or update check leaves the machine: the tests talk to loopback only.
        pb.environment().put("REDOCLY_TELEMETRY", "off");
        pb.environment().put("REDOCLY_SUPPRESS_UPDATE_NOTICE", "true");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "redocly did not finish");
        assertEquals(0, p.exitValue(), out);
        return out;
    }
}
