package org.replkit.load;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.replkit.load.cliff.CliffPage;
import org.replkit.load.cliff.CliffResult;

/** cliff.html without a run: the plot and the table from canned figures, valid HTML, the target's text escaped. */
class CliffPageTest {

    @Test
    void thePlotMarksTheCliffAndTheTargetIsEscaped(@TempDir Path dir) throws Exception {
        CliffResult result = new CliffResult("the p99 of acknowledgements crossed 5000 ms", false, 50.0, 250, 60.5, 900, 12, 0, 0, 1,
                List.of(new CliffResult.Step(20, 200, 15, 30, 0, 0, 0), new CliffResult.Step(60.5, 300, 2500, 5400, 12, 0, 1)));
        Path page = CliffPage.write(dir, result, 5000, "http://127.0.0.1:4000/<script>");
        String html = Files.readString(page);
        assertTrue(html.contains("<svg class=\"cliff-plot\"") && html.contains("<polyline class=\"p99\""), html);
        assertTrue(html.contains("<line class=\"cliff\"") && html.contains("cliff 50.0/s"), html);
        assertTrue(html.contains("Cliff: <strong>50.0 deliveries/s</strong>"), html);
        assertFalse(html.contains("<script>"), "the target is escaped: " + html);
        HtmlValidate.assertValid(page);
    }
}
