package org.replkit.load.cliff;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * {@code cliff.html} beside Gatling's report: the p99 of the acknowledgements against the offered
 * rate, as an inline SVG, with the sender's timeout and the cliff marked, and the figures. This class
 * places the plot's lines and labels; the template cliff.jte lays out the page and escapes every value.
 */
public final class CliffPage {

    public static final String FILE = "cliff.html";

    private static final int W = 640;
    private static final int H = 320;
    private static final int PAD = 48;
    private static final TemplateEngine PAGES = TemplateEngine.createPrecompiled(null, ContentType.Html,
            CliffPage.class.getClassLoader(), "org.replkit.load.pages");

    /** What the page shows: the run, and the plot in SVG coordinates. */
    public record View(String target, CliffResult result, long timeoutMs, int width, int height, List<Line> lines,
                       List<Label> labels, String points) {
        /** A rate or a coordinate as the page prints it: one decimal. */
        public String rate(double value) {
            return fmt(value);
        }
    }

    /** A line of the plot: an axis, the timeout ("limit") or the cliff. */
    public record Line(String cls, String x1, String y1, String x2, String y2) {}

    public record Label(String x, String y, String text) {}

    private CliffPage() {
    }

    public static Path write(Path dir, CliffResult r, long timeoutMs, String target) {
        Path file = dir.resolve(FILE);
        try {
            Files.writeString(file, html(r, timeoutMs, target), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }

    static String html(CliffResult r, long timeoutMs, String target) {
        StringOutput out = new StringOutput();
        PAGES.render("cliff.jte", view(r, timeoutMs, target), out);
        return out.toString();
    }

    static View view(CliffResult r, long timeoutMs, String target) {
        List<CliffResult.Step> steps = r.steps();
        double maxRate = Math.max(1, steps.stream().mapToDouble(CliffResult.Step::ratePerS).max().orElse(1));
        if (r.ratePerS() != null) {
            maxRate = Math.max(maxRate, r.ratePerS());
        }
        double maxMs = Math.max(timeoutMs * 1.2, steps.stream().mapToLong(CliffResult.Step::p99Ms).max().orElse(0));
        List<Line> lines = new ArrayList<>(List.of(line(PAD, H - PAD, W - PAD, H - PAD, "axis"), line(PAD, PAD, PAD, H - PAD, "axis")));
        double ty = y(timeoutMs, maxMs);
        lines.add(line(PAD, ty, W - PAD, ty, "limit"));
        List<Label> labels = new ArrayList<>(List.of(label(W - PAD - 90, ty - 4, "timeout " + timeoutMs + " ms")));
        if (r.ratePerS() != null) {
            double cx = x(r.ratePerS(), maxRate);
            lines.add(line(cx, PAD, cx, H - PAD, "cliff"));
            labels.add(label(cx + 4, PAD + 12, "cliff " + fmt(r.ratePerS()) + "/s"));
        }
        labels.add(label(W / 2.0 - 60, H - 12, "offered rate (deliveries/s), max " + fmt(maxRate)));
        labels.add(label(4, PAD - 10, "p99 ms (max " + Math.round(maxMs) + ")"));
        double rateScale = maxRate;
        String points = steps.stream().map(st -> fmt(x(st.ratePerS(), rateScale)) + "," + fmt(y(st.p99Ms(), maxMs)))
                .collect(Collectors.joining(" "));
        return new View(target, r, timeoutMs, W, H, lines, labels, points);
    }

    private static double x(double rate, double maxRate) {
        return PAD + rate / maxRate * (W - 2 * PAD);
    }

    private static double y(double ms, double maxMs) {
        return H - PAD - ms / maxMs * (H - 2 * PAD);
    }

    private static Line line(double x1, double y1, double x2, double y2, String cls) {
        return new Line(cls, fmt(x1), fmt(y1), fmt(x2), fmt(y2));
    }

    private static Label label(double x, double y, String text) {
        return new Label(fmt(x), fmt(y), text);
    }

    private static String fmt(double d) {
        return String.format(Locale.ROOT, "%.1f", d);
    }
}
