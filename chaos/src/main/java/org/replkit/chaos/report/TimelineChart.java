package org.replkit.chaos.report;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.replkit.chaos.check.Observed;
import org.replkit.chaos.history.Event;
import org.replkit.chaos.history.History;

/**
 * The timeline of a chaos run as shapes for the page's SVG: the fault windows on top, with their
 * labels set in a track of their own (staggered so that none covers another), the writes committed
 * per second, then each receiver instance's delivery attempts per tick.
 */
public final class TimelineChart {

    static final int WIDTH = 1100;
    private static final int LABEL = 120;
    private static final int ROW = 46;
    /** Text rows in the fault track; a label that fits in none of them is shortened to its number. */
    private static final int LABEL_LEVELS = 3;
    /** A generous width of one character of an 11 px bold label, so that estimated extents never understate. */
    private static final double CHAR_PX = 7.0;
    static final Map<String, String> FAULT_COLOURS = Map.of(
            "latency", "#b58900", "lost-ack", "#6c71c4", "black-hole", "#444444", "503", "#cb4b16",
            "receiver-kill", "#d33682", "sender-crash", "#dc322f", "long-outage", "#073642", "overload", "#859900",
            "gone", "#93a1a1");

    public record Rect(String x, String y, String width, String height, String fill, String opacity, String title) {}

    public record Text(String x, String y, String cssClass, String anchor, String text, String title) {}

    public record Line(String x1, String y1, String x2, String y2, String cssClass) {}

    public record Chart(int width, int height, List<Rect> rects, List<Text> texts, List<Line> lines) {}

    private final List<Rect> rects = new ArrayList<>();
    private final List<Text> texts = new ArrayList<>();
    private final List<Line> lines = new ArrayList<>();

    private TimelineChart() {
    }

    static String colour(String kind) {
        return FAULT_COLOURS.getOrDefault(kind, "#888888");
    }

    static Chart of(History h) {
        return new TimelineChart().draw(h);
    }

    private Chart draw(History h) {
        Instant origin = h.run().t();
        List<Event.Lane> lanes = h.run().lanes();
        Map<Long, Event.Item> itemById = h.all(Event.Item.class).stream().collect(Collectors.toMap(Event.Item::queueId, i -> i, (a, b) -> b));
        double end = Stream.concat(h.all(Event.Attempt.class).stream().map(Event.Attempt::sentAt),
                        h.all(Event.Fault.class).stream().map(Event.Fault::t).filter(Objects::nonNull))
                .mapToDouble(t -> secs(origin, t)).reduce(Math.max(h.run().durationS(), 1), Math::max);
        end = Math.ceil(end / 10.0) * 10;
        // row 0: fault labels, row 1: fault windows, row 2: writes, then one row per instance
        int rows = 3 + lanes.size();
        int height = rows * ROW + 30;
        double scale = (WIDTH - LABEL - 10) / end;
        faults(h, scale, rows);
        label(1, "faults");
        int seconds = (int) end + 1;
        int[] written = new int[seconds];
        int[] refused = new int[seconds];
        h.all(Event.Commit.class).forEach(c -> bump(written, secs(origin, c.t())));
        h.all(Event.CommitFailed.class).forEach(c -> bump(refused, secs(origin, c.t())));
        bars(2, written, refused, scale, 1, "#268bd2", "#dc322f", "per s");
        label(2, "writes");
        int bin = Math.max(1, h.run().timing().cadenceS());
        int bins = seconds / bin + 1;
        for (int i = 0; i < lanes.size(); i++) {
            Event.Lane lane = lanes.get(i);
            int[] ok = new int[bins];
            int[] bad = new int[bins];
            h.all(Event.Attempt.class).stream()
                    .filter(a -> itemById.containsKey(a.queueId()) && itemById.get(a.queueId()).lane().equals(lane.lane()))
                    .forEach(a -> bump(a.statusCode() != null && a.statusCode() / 100 == 2 ? ok : bad, secs(origin, a.sentAt()) / bin));
            bars(3 + i, ok, bad, scale, bin, "#2aa198", "#dc322f", bin == 1 ? "per s" : "per " + bin + " s");
            label(3 + i, lane.lane());
        }
        int axisY = rows * ROW + 4;
        double step = end <= 60 ? 5 : end <= 240 ? 15 : 60;
        for (double x = 0; x <= end; x += step) {
            double px = LABEL + x * scale;
            lines.add(new Line(f(px), "0", f(px), Integer.toString(axisY), "grid"));
            texts.add(new Text(f(px), Integer.toString(axisY + 14), "axis", "end", String.format(Locale.ROOT, "%.0fs", x), null));
        }
        double stop = LABEL + h.run().durationS() * scale;
        lines.add(new Line(f(stop), "0", f(stop), Integer.toString(axisY), "writesend"));
        return new Chart(WIDTH, height, rects, texts, lines);
    }

    /** Each window shaded through every lane below the labels, a solid bar in its row, and its label in the track above. */
    private void faults(History h, double scale, int rows) {
        Instant origin = h.run().t();
        double[] levelEnds = new double[LABEL_LEVELS];
        Arrays.fill(levelEnds, Double.NEGATIVE_INFINITY);
        for (Observed.Window win : Observed.faultWindows(h).stream().sorted(Comparator.comparing(Observed.Window::start)).toList()) {
            double from = secs(origin, win.start());
            double to = secs(origin, win.end());
            String title = String.format(Locale.ROOT, "#%d %s on %s, %.1f s to %.1f s%s", win.number(), win.kind(), win.target(),
                    from, to, FaultWords.parameter(win.kind(), win.delayMs(), ", "));
            double x = LABEL + from * scale;
            double w = Math.max(2, (to - from) * scale);
            String colour = colour(win.kind());
            rects.add(new Rect(f(x), Integer.toString(ROW), f(w), Integer.toString((rows - 1) * ROW), colour, "0.10", null));
            rects.add(new Rect(f(x), Integer.toString(ROW + 8), f(w), Integer.toString(ROW - 16), colour, null, title));
            String number = "#" + win.number();
            String shown = number + " " + win.kind();
            int level = freeLevel(levelEnds, x, shown);
            if (level < 0) {
                shown = number;
                level = freeLevel(levelEnds, x, shown);
            }
            if (level >= 0) {
                levelEnds[level] = x + shown.length() * CHAR_PX;
                texts.add(new Text(f(x), Integer.toString(12 + level * 13), "flabel", null, shown, title));
            } else { // crowded out or at the right edge: set it ending at the window's end, on the lowest level
                level = LABEL_LEVELS - 1;
                levelEnds[level] = Math.max(levelEnds[level], x + w);
                texts.add(new Text(f(Math.min(WIDTH - 2, x + w)), Integer.toString(12 + level * 13), "flabel", "end", number, title));
            }
        }
    }

    /** The first text row where {@code text} set at {@code x} covers no other label and stays on the chart, or -1. */
    private static int freeLevel(double[] levelEnds, double x, String text) {
        for (int l = 0; l < LABEL_LEVELS; l++) {
            if (x >= levelEnds[l] + 4 && x + text.length() * CHAR_PX <= WIDTH) {
                return l;
            }
        }
        return -1;
    }

    /** Stacked bars per bin: {@code up} below, {@code down} on top; a bin is {@code binSeconds} wide. */
    private void bars(int row, int[] up, int[] down, double pxPerSecond, int binSeconds, String upColour, String downColour,
                      String unit) {
        int max = Math.max(1, IntStream.range(0, up.length).map(i -> up[i] + down[i]).max().orElse(0));
        double base = (row + 1) * ROW - 6;
        double room = ROW - 14;
        double width = Math.max(1, binSeconds * pxPerSecond - 0.5);
        for (int i = 0; i < up.length; i++) {
            if (up[i] + down[i] == 0) {
                continue;
            }
            double x = LABEL + i * binSeconds * pxPerSecond;
            double hUp = room * up[i] / max;
            double hDown = room * down[i] / max;
            if (up[i] > 0) {
                rects.add(new Rect(f(x), f(base - hUp), f(width), f(hUp), upColour, null, (i * binSeconds) + "s: " + up[i]));
            }
            if (down[i] > 0) {
                rects.add(new Rect(f(x), f(base - hUp - hDown), f(width), f(hDown), downColour, null,
                        (i * binSeconds) + "s: " + down[i] + " failed"));
            }
        }
        texts.add(new Text("4", Integer.toString(row * ROW + ROW / 2 + 13), "scale", null, "max " + max + " " + unit, null));
        lines.add(new Line(Integer.toString(LABEL), f(base), Integer.toString(WIDTH), f(base), "base"));
    }

    private void label(int row, String text) {
        texts.add(new Text("4", Integer.toString(row * ROW + ROW / 2), "lane", null, text, null));
    }

    private static String f(double d) {
        return String.format(Locale.ROOT, "%.1f", d);
    }

    private static double secs(Instant origin, Instant t) {
        return Duration.between(origin, t).toNanos() / 1e9;
    }

    private static void bump(int[] bins, double second) {
        int i = (int) Math.floor(second);
        if (i >= 0 && i < bins.length) {
            bins[i]++;
        }
    }
}
