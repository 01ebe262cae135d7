package org.replkit.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.replkit.spec.SchemaValidator;
import org.replkit.spec.SpecSchema;

/** Reads a report file the way its consumers will: only after it validates against its schema in spec/. */
final class ReportFiles {

    private static final SchemaValidator SCHEMAS = new SchemaValidator();

    private ReportFiles() {}

    /** {@code dir/conformance.json}, checked against spec/schemas/reports/conformance-report.schema.json. */
    static JsonNode conformance(Path dir) throws IOException {
        return validated(SpecSchema.CONFORMANCE_REPORT, dir.resolve("conformance.json"));
    }

    /** {@code dir/fuzz.json}, checked against spec/schemas/reports/fuzz-report.schema.json. */
    static JsonNode fuzz(Path dir) throws IOException {
        return validated(SpecSchema.FUZZ_REPORT, dir.resolve("fuzz.json"));
    }

    static JsonNode validated(SpecSchema schema, Path file) throws IOException {
        String text = Files.readString(file);
        assertEquals(List.of(), SCHEMAS.violations(schema, text), file + " against " + schema.fileName());
        return new ObjectMapper().readTree(text);
    }
}
