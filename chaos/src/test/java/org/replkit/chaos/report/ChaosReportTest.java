package org.replkit.chaos.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.replkit.chaos.check.Canned;
import org.replkit.chaos.check.Checker;
import org.replkit.chaos.check.PropertyVerdict;
import org.replkit.chaos.history.Event;
import org.replkit.chaos.history.History;

/** summary.json and index.html say what the checker found, and show the records it found wrong. */
class ChaosReportTest {

    @Test
    void aPassingRunReportsItsFiguresAndEveryPropertyPassed(@TempDir Path dir) throws Exception {
        History h = Canned.history(Canned.healthy());
        List<PropertyVerdict> verdicts = Checker.check(h);
        ChaosReport.write(dir, h, verdicts, ChaosFigures.of(h, verdicts), 0);

        JsonNode summary = SummaryFile.read(dir);
        assertEquals("passed", summary.get("verdict").asText());
        assertEquals(3, summary.at("/figures/changes_committed").asInt());
        assertEquals(0, summary.at("/figures/changes_lost").asInt());
        assertEquals(1, summary.at("/figures/faults_injected/503").asInt());
        assertEquals(6, summary.get("properties").size()); // gone and fan-out judge only runs that have them
        String html = Files.readString(dir.resolve("index.html"));
        assertTrue(html.contains("PASSED"));
        assertTrue(html.contains("<svg class=\"timeline\""));
        assertTrue(html.contains(">patterns</text>"), "one lane per instance");
        assertTrue(html.contains("None: every record ended as the sender's newest snapshot"));
        assertTrue(html.contains("<div class=\"value\">3</div><div class=\"label\">changes committed</div>"), "the figure tiles");
        assertTrue(html.contains("<div class=\"label\">faults injected</div><div class=\"detail\">503 1 (1 in all)</div>"));
        assertTrue(html.contains("<div class=\"detail\">the queue settled</div>"));
        assertTrue(html.contains("<th scope=\"row\">Writes</th><td>"), "the run's settings");
        assertTrue(html.contains("<th scope=\"row\">Sender timing</th><td>tick every "));
        HtmlValidate.assertValid(dir.resolve("index.html"));
    }

    @Test
    void aLostRecordIsListedWithItsHistoryAndNothingFromTheRunIsInjectedIntoThePage(@TempDir Path dir) throws Exception {
        History h = Canned.changed(e -> {
            if (e instanceof Event.ReceiverRow r && r.id().equals(Canned.B)) {
                return new Event.ReceiverRow(r.lane(), r.id(), false, null, null, null);
            }
            if (e instanceof Event.Item i && i.queueId() == 3) {
                return Canned.item(3, Canned.B, 3, 2.5, "success", 2, 200, "<script>alert(1)</script>", 4.3);
            }
            return e;
        });
        List<PropertyVerdict> verdicts = Checker.check(h);
        ChaosFigures figures = ChaosFigures.of(h, verdicts);
        ChaosReport.write(dir, h, verdicts, figures, 1);

        assertEquals(1, figures.recordsLost());
        assertEquals(List.of("patterns " + Canned.B), figures.lostIds());
        JsonNode summary = SummaryFile.read(dir);
        assertEquals("failed", summary.get("verdict").asText());
        String html = Files.readString(dir.resolve("index.html"));
        assertTrue(html.contains("patterns " + Canned.B));
        assertTrue(html.contains("attempt 2 of write #3"), "the record's history is shown");
        assertFalse(html.contains("<script>"), "text from the run is escaped");
        HtmlValidate.assertValid(dir.resolve("index.html"));
    }

    @Test
    void aRunThatCouldNotRunSaysWhyAndClaimsNothingElse(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("index.html"), "an older run's page");
        ChaosReport.writeCannotRun(dir, 9, "cannot start the sender database: no debootstrap");
        JsonNode summary = SummaryFile.read(dir);
        assertEquals("cantTell", summary.get("verdict").asText());
        assertEquals(2, summary.get("exit_code").asInt());
        assertFalse(Files.exists(dir.resolve("index.html")), "no page of an older run left to mislead");
    }
}
