package org.replkit.load.cliff;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code cliff.html} beside Gatling's report: the p99 of the acknowledgements against the offered
 * rate, as an inline SVG, with the sender's timeout and the cliff marked, and the figures.
 */
public final class CliffPage {

    public static final String FILE = "cliff.html";

    private static final int W = 640;
    private static final int H = 320;
    private static final int PAD = 48;

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
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Cliff: ")
                .append(escape(target)).append("</title>\n<style>body{font-family:sans-serif;margin:2em}"
                        + "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 8px;text-align:right}"
                        + ".p99{fill:none;stroke:#1f5fa8;stroke-width:2}.limit{stroke:#b00;stroke-dasharray:4 3}"
                        + ".cliff{stroke:#e80;stroke-dasharray:2 2}.axis{stroke:#333}text{font-size:11px}</style>\n</head>\n<body>\n");
        h.append("<h1>Cliff of ").append(escape(target)).append("</h1>\n<p>");
        if (r.ratePerS() != null) {
            h.append("Cliff: <strong>").append(fmt(r.ratePerS())).append(" deliveries/s</strong>, ")
                    .append("<strong>").append(r.concurrency()).append(" in flight</strong> answered within ").append(timeoutMs).append(" ms. ");
        } else {
            h.append("No cliff up to ").append(fmt(r.offeredAtStopPerS())).append(" deliveries/s. ");
        }
        h.append("Last step with its p99 within the timeout: ").append(fmt(r.highestStepWithinTimeout())).append(" deliveries/s. ");
        h.append("Stopped: ").append(escape(r.stopReason() == null ? "the ramp reached its highest rate" : r.stopReason()))
                .append(".</p>\n<p>").append(r.lateAnswers()).append(" answers came after the timeout (each a duplicate delivery for a real sender); ")
                .append(r.shed()).append(" answers shed load (429/503 with Retry-After)")
                .append(r.shedWithoutRetryAfter() > 0 ? ", " + r.shedWithoutRetryAfter() + " 429/503 without Retry-After" : "")
                .append("; ").append(r.errors()).append(" errors.</p>\n");
        h.append(svg(r, timeoutMs));
        h.append("<table>\n<tr><th>rate/s</th><th>sent</th><th>p50 ms</th><th>p99 ms</th><th>late</th><th>shed</th><th>errors</th></tr>\n");
        for (CliffResult.Step s : r.steps()) {
            h.append("<tr><td>").append(fmt(s.ratePerS())).append("</td><td>").append(s.sent()).append("</td><td>").append(s.p50Ms())
                    .append("</td><td>").append(s.p99Ms()).append("</td><td>").append(s.late()).append("</td><td>").append(s.shed())
                    .append("</td><td>").append(s.errors()).append("</td></tr>\n");
        }
        h.append("</table>\n</body>\n</html>\n");
        return h.toString();
    }

    private static String svg(CliffResult r, long timeoutMs) {
        List<CliffResult.Step> steps = r.steps();
        double maxRate = Math.max(1, steps.stream().mapToDouble(CliffResult.Step::ratePerS).max().orElse(1));
        if (r.ratePerS() != null) {
            maxRate = Math.max(maxRate, r.ratePerS());
        }
        double maxMs = Math.max(timeoutMs * 1.2, steps.stream().mapToLong(CliffResult.Step::p99Ms).max().orElse(0));
        StringBuilder s = new StringBuilder("<svg class=\"cliff-plot\" xmlns=\"http://www.w3.org/2000/svg\" width=\"" + W + "\" height=\"" + H
                + "\" role=\"img\" aria-label=\"p99 of acknowledgements against the offered rate\">\n");
        s.append(line(PAD, H - PAD, W - PAD, H - PAD, "axis")).append(line(PAD, PAD, PAD, H - PAD, "axis"));
        double ty = y(timeoutMs, maxMs);
        s.append(line(PAD, ty, W - PAD, ty, "limit"))
                .append(text(W - PAD - 90, ty - 4, "timeout " + timeoutMs + " ms"));
        if (r.ratePerS() != null) {
            double cx = x(r.ratePerS(), maxRate);
            s.append(line(cx, PAD, cx, H - PAD, "cliff")).append(text(cx + 4, PAD + 12, "cliff " + fmt(r.ratePerS()) + "/s"));
        }
        StringBuilder points = new StringBuilder();
        for (CliffResult.Step st : steps) {
            points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x(st.ratePerS(), maxRate), y(st.p99Ms(), maxMs)));
        }
        s.append("<polyline class=\"p99\" points=\"").append(points.toString().trim()).append("\"/>\n");
        s.append(text(W / 2.0 - 60, H - 12, "offered rate (deliveries/s), max " + fmt(maxRate)));
        s.append(text(4, PAD - 10, "p99 ms (max " + Math.round(maxMs) + ")"));
        return s.append("</svg>\n").toString();
    }

    private static double x(double rate, double maxRate) {
        return PAD + rate / maxRate * (W - 2 * PAD);
    }

    private static double y(double ms, double maxMs) {
        return H - PAD - ms / maxMs * (H - 2 * PAD);
    }

    private static String line(double x1, double y1, double x2, double y2, String cls) {
        return String.format(Locale.ROOT, "<line class=\"%s\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>%n", cls, x1, y1, x2, y2);
    }

    private static String text(double x, double y, String t) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\">%s</text>%n", x, y, escape(t));
    }

    private static String fmt(double d) {
        return String.format(Locale.ROOT, "%.1f", d);
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
