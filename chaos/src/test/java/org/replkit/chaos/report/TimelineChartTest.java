package org.replkit.chaos.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.replkit.chaos.check.Canned;
import org.replkit.chaos.check.Checker;
import org.replkit.chaos.check.PropertyVerdict;
import org.replkit.chaos.history.Event;
import org.replkit.chaos.history.History;

/** Fault labels stay readable: each in the chart, none drawn over another, even when windows crowd together. */
class TimelineChartTest {

    private static final double CHAR_PX = 7.0;
    /** The page of the crowded run stays here for a person to look at. */
    private static final Path PAGE = Path.of("target", "timeline-check");

    @Test
    void crowdedFaultWindowsGetLabelsThatNeitherOverlapNorLeaveTheChart() throws Exception {
        History h = Canned.history(crowded());
        TimelineChart.Chart chart = TimelineChart.of(h);

        List<TimelineChart.Text> labels = chart.texts().stream().filter(t -> t.cssClass().equals("flabel")).toList();
        assertTrue(labels.size() >= 13, "every window has a label: " + labels.size());
        Map<String, List<double[]>> byLine = labels.stream().collect(Collectors.groupingBy(TimelineChart.Text::y,
                Collectors.mapping(TimelineChartTest::extent, Collectors.toList())));
        for (List<double[]> line : byLine.values()) {
            line.sort(Comparator.comparingDouble(e -> e[0]));
            for (int i = 1; i < line.size(); i++) {
                assertFalse(line.get(i)[0] < line.get(i - 1)[1], "two fault labels overlap on one line");
            }
        }
        labels.forEach(t -> assertTrue(extent(t)[0] >= 0 && extent(t)[1] <= chart.width(), "label inside the chart: " + t));

        List<PropertyVerdict> verdicts = Checker.check(h);
        Files.createDirectories(PAGE);
        ChaosReport.write(PAGE, h, verdicts, ChaosFigures.of(h, verdicts), 0);
        HtmlValidate.assertValid(PAGE.resolve("index.html"));
    }

    /** The healthy history with 12 more fault windows of 0.3 s, one every 0.5 s. */
    private static List<Event> crowded() {
        List<Event> events = new ArrayList<>(Canned.healthy());
        String[] kinds = {"receiver-kill", "latency", "black-hole", "lost-ack", "sender-crash", "503"};
        for (int w = 2; w < 14; w++) {
            double at = 0.5 * w;
            String kind = kinds[w % kinds.length];
            events.add(new Event.Fault(Canned.at(at), w, kind, "patterns", "start", at, 0.3, null, null));
            events.add(new Event.Fault(Canned.at(at + 0.3), w, kind, "patterns", "end", at, 0.3, null, null));
        }
        return events;
    }

    private static double[] extent(TimelineChart.Text t) {
        double x = Double.parseDouble(t.x());
        double width = t.text().length() * CHAR_PX;
        return "end".equals(t.anchor()) ? new double[] {x - width, x} : new double[] {x, x + width};
    }
}
