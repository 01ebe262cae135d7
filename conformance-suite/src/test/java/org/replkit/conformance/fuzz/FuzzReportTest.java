package org.replkit.conformance.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.replkit.conformance.model.EndpointKind;
import org.replkit.conformance.model.Exchange;
import org.replkit.conformance.records.BoundaryValues.Boundary;
import org.replkit.conformance.records.Samples;
import org.replkit.conformance.records.ValueClass;
import org.replkit.spec.Level;
import org.replkit.spec.SchemaValidator;
import org.replkit.spec.SpecSchema;

/** A finding with a 50,000-character value: the page shows its start and links the file with all of it. */
class FuzzReportTest {

    private static final EndpointKind P = EndpointKind.PATTERNS;

    @Test
    void aLongValueIsCutInThePageWithALinkToTheWholeBody(@TempDir Path dir) throws Exception {
        String value = "\"" + "y".repeat(50_000) + "\"";
        ObjectNode base = Samples.record(P, UUID.fromString("0194a7b2-6c1e-7f3a-9d2b-4e5f6a7b8c9d"),
                Instant.parse("2025-01-10T10:00:00Z"));
        FuzzCase c = new FuzzCase(3, P, "test", base, List.of(new Boundary("description", value, "50k", ValueClass.sendable())),
                new Mutation.None(), "INSERT");
        byte[] body = c.render().body();
        Exchange e = new Exchange("POST", "http://127.0.0.1:1/sync/patterns", Map.of("Content-Type", "application/json"), body,
                500, Map.of("Content-Type", "text/plain"), "boom\u0001" + "z".repeat(5_000), 12, null, false);
        Finding f = new Finding(FindingKind.values()[0], "SYNC-UPS-01", Level.MUST, "a 5xx for a sendable record",
                ValueClass.sendable(), c, e);
        Campaign.Result r = new Campaign.Result(Campaign.Settings.of(10, 7, Duration.ofSeconds(5)),
                Map.of(P, java.net.URI.create("http://127.0.0.1:1/sync/patterns")), 10, 1.0, "all sent", Map.of("500", 1L),
                Map.of("sendable", 10L), Map.of("test", 10L), Map.of(FindingKind.values()[0], 1L),
                List.of(new Campaign.FindingGroup(f, 1, 3, false, true)), 0.0);

        FuzzReport.write(dir, r, "./kit fuzz --seed 7");

        String html = Files.readString(dir.resolve(FuzzReport.HTML));
        assertFalse(html.contains("y".repeat(FuzzReport.PAGE_CUT + 1)), "the page shows the value's start only");
        assertTrue(html.contains("more characters"), html.substring(0, 200));
        JsonNode json = new ObjectMapper().readTree(dir.resolve(FuzzReport.JSON).toFile());
        String bodyFile = json.path("findings").get(0).path("request").path("body_file").asText();
        assertTrue(html.contains("href=\"" + bodyFile + "\""), "the page links the whole body");
        assertEquals(new String(body, StandardCharsets.UTF_8), Files.readString(dir.resolve(bodyFile)));
        assertEquals(List.of(), new SchemaValidator().violations(SpecSchema.FUZZ_REPORT, Files.readString(dir.resolve(FuzzReport.JSON))));
        assertTrue(html.contains("\\u0001"), "a control character in the answer is shown as a code");
        htmlValidate(dir.resolve(FuzzReport.HTML));
    }

    private static void htmlValidate(Path page) throws Exception {
        Path tools = Path.of("..", "tools").toAbsolutePath().normalize();
        Process p = new ProcessBuilder(tools.resolve("node_modules/.bin/html-validate").toString(), "--config",
                tools.resolve("htmlvalidate.json").toString(), page.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "html-validate did not end");
        assertEquals(0, p.exitValue(), out);
    }
}
