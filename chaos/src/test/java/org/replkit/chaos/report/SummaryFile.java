package org.replkit.chaos.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.replkit.chaos.history.Json;
import org.replkit.spec.SchemaValidator;
import org.replkit.spec.SpecSchema;

/** Reads a run's summary.json only after it validates against spec/schemas/reports/chaos-summary.schema.json. */
public final class SummaryFile {

    private static final SchemaValidator SCHEMAS = new SchemaValidator();

    private SummaryFile() {
    }

    public static JsonNode read(Path runDir) throws IOException {
        Path file = runDir.resolve("summary.json");
        String text = Files.readString(file);
        assertEquals(List.of(), SCHEMAS.violations(SpecSchema.CHAOS_SUMMARY, text), file + " against its schema");
        return Json.MAPPER.readTree(text);
    }
}
