package org.replkit.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.replkit.spec.SchemaValidator;
import org.replkit.spec.SpecSchema;

/**
 * summary.json validates against its schema in spec/, and reports/index.html puts the newest run of
 * each profile first with the verdict they give, older runs below as history; without a Gatling run.
 */
class ReportIndexTest {

    private static final SchemaValidator SCHEMAS = new SchemaValidator();

    @TempDir
    Path reports;

    @Test
    void aRunSummaryValidatesAgainstItsSchema() throws Exception {
        JsonNode summary = FakeRun.write(reports, "steady", "2026-12-06T10:00:00Z", 0, "<script>x</script>");
        String text = Files.readString(reports.resolve("load").resolve("steady-2026-12-06T10-00-00Z").resolve(RunSummary.FILE));
        assertEquals(List.of(), SCHEMAS.violations(SpecSchema.LOAD_SUMMARY, text));
        assertEquals("passed", summary.path("verdict").asText());
    }

    @Test
    void aRunSummaryNamesItsRerunWithoutThePassword() throws Exception {
        JsonNode summary = FakeRun.write(reports, "steady", "2026-12-06T10:00:00Z", 0, "<script>x</script>");
        String text = Files.readString(reports.resolve("load").resolve("steady-2026-12-06T10-00-00Z").resolve(RunSummary.FILE));
        assertEquals("./kit load --profile steady --db-url \"$KIT_DB_URL\" --instances 2", summary.path("rerun").asText());
        assertFalse(text.contains("secret-pw"), "no password from a JDBC URL in the summary");
    }

    @Test
    void aFailedRunSaysFailedAndWhichAssertionFailed() throws Exception {
        JsonNode summary = FakeRun.write(reports, "steady", "2026-12-06T10:00:00Z", 2, "t");
        assertEquals(List.of(), SCHEMAS.violations(SpecSchema.LOAD_SUMMARY, summary.toString()));
        assertEquals("failed", summary.path("verdict").asText());
        assertEquals("failed", summary.path("assertions").get(0).path("outcome").asText());
    }

    @Test
    void theNewestRunOfEachProfileDecidesAndAnOlderFailureIsHistory() throws Exception {
        FakeRun.write(reports, "steady", "2026-12-06T09:00:00Z", 2, "t");
        FakeRun.write(reports, "steady", "2026-12-06T10:00:00Z", 0, "t");
        FakeRun.write(reports, "catch-up", "2026-12-06T09:30:00Z", 0, "t");
        ReportIndex.refresh(reports);
        String html = Files.readString(reports.resolve("index.html"));
        assertTrue(html.contains("class=\"verdict passed\""), html);
        int newest = html.indexOf("Newest run of each profile");
        int history = html.indexOf("<h2>History</h2>");
        int olderFailure = html.indexOf("2026-12-06 09:00:00Z");
        assertTrue(newest > 0 && newest < history && history < olderFailure, "the old failure is under History");
        assertFalse(html.contains(">pipeline<"), "no pipeline column when no run has pipeline figures");
        HtmlValidate.assertValid(reports.resolve("index.html"));
    }

    @Test
    void aFailingNewestRunFailsTheFolder() throws Exception {
        FakeRun.write(reports, "steady", "2026-12-06T09:00:00Z", 0, "t");
        FakeRun.write(reports, "steady", "2026-12-06T10:00:00Z", 2, "t");
        ReportIndex.refresh(reports);
        String html = Files.readString(reports.resolve("index.html"));
        assertTrue(html.contains("class=\"verdict failed\""), html);
        HtmlValidate.assertValid(reports.resolve("index.html"));
    }

    @Test
    void textFromARunIsEscaped() throws Exception {
        FakeRun.write(reports, "steady", "2026-12-06T10:00:00Z", 0, "<script>alert('x')</script>");
        ReportIndex.refresh(reports);
        String html = Files.readString(reports.resolve("index.html"));
        assertFalse(html.contains("<script>"), "text from a run is escaped");
        HtmlValidate.assertValid(reports.resolve("index.html"));
    }

    /** A load run's folder as GatlingRunner leaves it: Gatling's page with its statistics row, and the run's figures. */
    static final class FakeRun {

        static JsonNode write(Path reports, String profile, String started, int gatlingStatus, String target) throws Exception {
            Path dir = reports.resolve("load").resolve(profile + "-" + started.replace(':', '-'));
            Files.createDirectories(dir);
            StringBuilder row = new StringBuilder("<tr id=\"ROOT\">");
            String[] cells = {"", "", "36", "36", "0", "0", "12.5", "1", "2", "3", "4", "5", "6", "2"};
            for (int i = 2; i < cells.length; i++) {
                row.append("<td class=\"value total col-").append(i).append("\">").append(cells[i]).append("</td>");
            }
            Files.writeString(dir.resolve("index.html"), "<table>" + row + "</tr></table>");
            Files.writeString(dir.resolve(GatlingRunner.FIGURES_FILE), "{\"run\": {\"target\": \"" + target
                    + "\"}, \"parameters\": {\"instances\": 2}}");
            boolean passed = gatlingStatus == 0;
            var outcome = new GatlingRunner.Outcome(gatlingStatus, dir, Instant.parse(started),
                    List.of(new RunSummary.AssertionResult("Global: count of failed events is 0.0", passed, passed ? "0.0" : "3.0")),
                    LoadRerun.command(LoadProfile.of(profile), new java.util.EnumMap<>(Map.of(LoadProperty.INSTANCES, "2",
                            LoadProperty.DB_URL, "jdbc:postgresql://127.0.0.1/x?user=kit&password=secret-pw"))));
            return RunSummary.write(LoadProfile.of(profile), outcome);
        }
    }
}
