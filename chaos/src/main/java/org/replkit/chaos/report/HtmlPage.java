package org.replkit.chaos.report;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.replkit.chaos.check.Problem;
import org.replkit.chaos.check.PropertyVerdict;
import org.replkit.chaos.history.Event;
import org.replkit.chaos.history.History;
import org.replkit.spec.Outcome;

/**
 * index.html of a chaos run: one self-contained page (inline style and SVG, no script): the verdict,
 * the figures, the checker's verdict per property, a timeline of faults and deliveries with one lane
 * per receiver instance, the fault windows, and every lost or stale record with its history.
 */
final class HtmlPage {

    private static final int WIDTH = 1100;
    private static final int LABEL = 120;
    private static final int ROW = 46;
    private static final int RECORDS_SHOWN = 40;
    private static final Map<String, String> FAULT_COLOURS = Map.of(
            "latency", "#b58900", "lost-ack", "#6c71c4", "black-hole", "#444", "503", "#cb4b16",
            "receiver-kill", "#d33682", "sender-crash", "#dc322f");

    private HtmlPage() {
    }

    static String render(History h, List<PropertyVerdict> verdicts, RunFigures f, int exitCode) {
        Event.Run run = h.run();
        StringBuilder b = new StringBuilder(256 * 1024);
        String verdict = ChaosReport.verdictLabel(exitCode).toUpperCase(Locale.ROOT);
        b.append("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Chaos run: ").append(verdict).append(" (seed ").append(f.seed()).append(")</title>\n")
                .append("<style>").append(STYLE).append("</style>\n</head>\n<body>\n");

        b.append("<header><h1>Chaos run: nothing lost between sender and receiver?</h1>\n");
        b.append("<p class=\"verdict ").append(exitCode == 0 ? "pass" : exitCode == 1 ? "fail" : "unknown").append("\">")
                .append(verdict).append(" <span>").append(esc(headline(verdicts, f, exitCode))).append("</span></p>\n");
        b.append("<table class=\"meta\">\n");
        meta(b, "Seed", f.seed() + " (repeat: <code>./kit chaos --seed " + f.seed() + "</code> with the same options)", true);
        meta(b, "Writes", String.format(Locale.ROOT, "%.0f s at %s rows/s, %.0f%% updates of existing ids", f.durationS(),
                trim(f.rowsPerSecond()), f.updateShare() * 100), false);
        Event.Timing t = f.timing();
        meta(b, "Sender timing", "tick every " + t.cadenceS() + " s, timeout " + t.timeoutMs() + " ms, retries after "
                + String.join(", ", t.backoffS().stream().map(HtmlPage::trim).toList()) + " s (" + t.maxRetries()
                + " retries), lost-request grace " + t.lostGraceS() + " s", false);
        meta(b, "Receivers", f.receiver(), false);
        meta(b, "Started", run.t().toString(), false);
        if (!f.faultsLeftOut().isEmpty()) {
            meta(b, "Faults left out", String.join("; ", f.faultsLeftOut().entrySet().stream()
                    .map(e -> e.getKey() + ": " + e.getValue()).toList()), false);
        }
        b.append("</table>\n</header>\n");

        tiles(b, f);
        properties(b, verdicts);
        timeline(b, h);
        faults(b, h);
        records(b, h, verdicts);

        b.append("<footer>Files: <code>summary.json</code> (figures and every problem), <code>history.jsonl</code> (every commit, ")
                .append("delivery attempt, wire exchange and fault, one JSON object per line: the checker reads nothing else)")
                .append(Files.receiverLog(h) ? ", <code>receiver.log</code>" : "")
                .append(". Requirement texts: <code>spec/requirements.yaml</code>.</footer>\n</body>\n</html>\n");
        return b.toString();
    }

    private static String headline(List<PropertyVerdict> verdicts, RunFigures f, int exitCode) {
        if (exitCode == 0) {
            long faults = f.faultsInjected().values().stream().mapToLong(Long::longValue).sum();
            return "every property held: " + f.changesCommitted() + " changes committed, " + faults + " faults injected, 0 lost";
        }
        List<String> failed = verdicts.stream().filter(PropertyVerdict::failed).map(PropertyVerdict::property).toList();
        if (!failed.isEmpty()) {
            return "properties failed: " + String.join(", ", failed) + "; " + f.changesLost() + " change(s) lost or stale";
        }
        return "some properties could not be judged: see below";
    }

    private static void tiles(StringBuilder b, RunFigures f) {
        b.append("<section class=\"tiles\">\n");
        tile(b, Long.toString(f.changesCommitted()), "changes committed", f.inserts() + " inserts, " + f.updates() + " updates; "
                + f.writesFailed() + " writes refused while the sender was down");
        tile(b, Long.toString(f.records()), "records", "each checked at the receiver");
        tile(b, Long.toString(f.deliveryAttempts()), "delivery attempts", f.failedAttempts() + " failed and retried or given up");
        long faults = f.faultsInjected().values().stream().mapToLong(Long::longValue).sum();
        tile(b, Long.toString(faults), "faults injected", f.faultsByKindLine());
        tile(b, Long.toString(f.changesLost()), "changes lost", f.recordsLost() + " records lost, " + f.recordsStale() + " stale, "
                + f.changesDropped() + " dropped by the sender");
        tile(b, String.format(Locale.ROOT, "%.0f s", f.drainSeconds()), "drain", f.drained() ? "the queue settled" : "the queue did NOT settle");
        b.append("</section>\n");
    }

    private static void tile(StringBuilder b, String value, String label, String detail) {
        b.append("<div class=\"tile\"><div class=\"value\">").append(esc(value)).append("</div><div class=\"label\">")
                .append(esc(label)).append("</div><div class=\"detail\">").append(esc(detail)).append("</div></div>\n");
    }

    private static void properties(StringBuilder b, List<PropertyVerdict> verdicts) {
        b.append("<h2>The checker's verdict per property</h2>\n<table class=\"props\">\n")
                .append("<tr><th>property</th><th>requirements</th><th>verdict</th><th>what was found</th></tr>\n");
        for (PropertyVerdict v : verdicts) {
            String cls = v.outcome() == Outcome.PASSED ? "pass" : v.failed() ? "fail" : "unknown";
            b.append("<tr><td><b>").append(esc(v.property())).append("</b><br><span class=\"small\">").append(esc(v.title()))
                    .append("</span></td><td class=\"ids\">").append(String.join("<br>", v.requirements().stream().map(HtmlPage::esc).toList()))
                    .append("</td><td class=\"")
                    .append(cls).append("\">").append(v.outcome() == Outcome.CANT_TELL ? "CANNOT TELL" : v.outcome().name())
                    .append("</td><td>").append(esc(v.summary()));
            if (!v.problems().isEmpty()) {
                b.append("<ul>");
                v.problems().stream().limit(8).forEach(p -> b.append("<li>").append(esc(p.describe())).append("</li>"));
                if (v.problems().size() > 8) {
                    b.append("<li>… and ").append(v.problems().size() - 8).append(" more in summary.json</li>");
                }
                b.append("</ul>");
            }
            b.append("</td></tr>\n");
        }
        b.append("</table>\n");
    }

    /** Faults on top, then writes per second, then each instance's delivery attempts per second (green: 2xx, red: failed). */
    private static void timeline(StringBuilder b, History h) {
        Instant origin = h.run().t();
        List<Event.Lane> lanes = h.run().lanes();
        Map<Long, Event.Item> itemById = new LinkedHashMap<>();
        h.all(Event.Item.class).forEach(i -> itemById.put(i.queueId(), i));
        double end = h.run().durationS();
        for (Event.Attempt a : h.all(Event.Attempt.class)) {
            end = Math.max(end, secs(origin, a.finishedAt() != null ? a.finishedAt() : a.sentAt()));
        }
        for (Event.Fault f : h.all(Event.Fault.class)) {
            if (f.t() != null) {
                end = Math.max(end, secs(origin, f.t()));
            }
        }
        end = Math.ceil(end / 10.0) * 10;
        int rows = 2 + lanes.size();
        int height = rows * ROW + 30;
        double scale = (WIDTH - LABEL - 10) / end;
        StringBuilder s = new StringBuilder();
        s.append("<svg class=\"timeline\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
                .append("\" width=\"").append(WIDTH).append("\" height=\"").append(height).append("\" role=\"img\" aria-label=\"timeline\">\n");
        // fault windows, shaded across every row, labelled in the first
        List<FaultSpan> spans = spans(h);
        for (FaultSpan span : spans) {
            double x = LABEL + span.from() * scale;
            double w = Math.max(2, (span.to() - span.from()) * scale);
            String colour = FAULT_COLOURS.getOrDefault(span.kind(), "#888");
            s.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"0\" width=\"%.1f\" height=\"%d\" fill=\"%s\" opacity=\"0.10\"/>%n",
                    x, w, rows * ROW, colour));
            s.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"8\" width=\"%.1f\" height=\"%d\" fill=\"%s\"><title>%s</title></rect>%n",
                    x, w, ROW - 16, colour, esc(span.title())));
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" class=\"flabel\">#%d %s</text>%n", x + 2, ROW - 12,
                    span.number(), esc(span.kind())));
        }
        label(s, 0, "faults");
        // writes per second
        int seconds = (int) end + 1;
        int[] written = new int[seconds];
        int[] refused = new int[seconds];
        h.all(Event.Commit.class).forEach(c -> bump(written, secs(origin, c.t())));
        h.all(Event.CommitFailed.class).forEach(c -> bump(refused, secs(origin, c.t())));
        bars(s, 1, written, refused, scale, 1, "#268bd2", "#dc322f", "per s");
        label(s, 1, "writes");
        // each instance: attempts by outcome, per tick-long bin (the sender sends once per tick)
        int bin = Math.max(1, h.run().timing().cadenceS());
        int bins = seconds / bin + 1;
        for (int i = 0; i < lanes.size(); i++) {
            Event.Lane lane = lanes.get(i);
            int[] ok = new int[bins];
            int[] bad = new int[bins];
            for (Event.Attempt a : h.all(Event.Attempt.class)) {
                Event.Item item = itemById.get(a.queueId());
                if (item == null || !item.lane().equals(lane.lane())) {
                    continue;
                }
                boolean success = a.statusCode() != null && a.statusCode() >= 200 && a.statusCode() < 300;
                bump(success ? ok : bad, secs(origin, a.sentAt()) / bin);
            }
            bars(s, 2 + i, ok, bad, scale, bin, "#2aa198", "#dc322f", bin == 1 ? "per s" : "per " + bin + " s");
            label(s, 2 + i, lane.lane());
        }
        // axis
        int axisY = rows * ROW + 4;
        double step = end <= 60 ? 5 : end <= 240 ? 15 : 60;
        for (double x = 0; x <= end; x += step) {
            double px = LABEL + x * scale;
            s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"0\" x2=\"%.1f\" y2=\"%d\" class=\"grid\"/>%n", px, px, axisY));
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" class=\"axis\">%.0fs</text>%n", px, axisY + 14, x));
        }
        s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"0\" x2=\"%.1f\" y2=\"%d\" class=\"writesend\"/>%n",
                LABEL + h.run().durationS() * scale, LABEL + h.run().durationS() * scale, axisY));
        s.append("</svg>\n");
        b.append("<h2>Timeline</h2>\n<p class=\"small\">Seconds since the first write. Top: the nemesis's faults (hover for details), ")
                .append("shaded through every lane. Then the writes committed per second (red: refused), and for each receiver ")
                .append("instance its delivery attempts per tick from the audit trail (green: acknowledged, red: failed). ")
                .append("The dashed line is where the writes stopped; after it, the drain.</p>\n")
                .append("<div class=\"scroll\">").append(s).append("</div>\n");
    }

    private record FaultSpan(int number, String kind, double from, double to, String title) {}

    private static List<FaultSpan> spans(History h) {
        Instant origin = h.run().t();
        Map<Integer, Event.Fault> starts = new LinkedHashMap<>();
        List<FaultSpan> out = new ArrayList<>();
        for (Event.Fault f : h.all(Event.Fault.class)) {
            if (f.phase().equals("start")) {
                starts.put(f.window(), f);
            } else if ((f.phase().equals("end") || f.phase().equals("error")) && starts.containsKey(f.window())) {
                Event.Fault s = starts.get(f.window());
                double from = secs(origin, s.t());
                double to = secs(origin, f.t());
                out.add(new FaultSpan(f.window(), s.kind(), from, to, String.format(Locale.ROOT, "#%d %s on %s, %.1f s to %.1f s%s",
                        f.window(), s.kind(), s.target(), from, to, s.delayMs() == null ? "" : ", each request held " + s.delayMs() + " ms")));
            }
        }
        return out;
    }

    /** Stacked bars per bin: {@code up} below, {@code down} on top; a bin is {@code binSeconds} wide. */
    private static void bars(StringBuilder s, int row, int[] up, int[] down, double pxPerSecond, int binSeconds,
                             String upColour, String downColour, String unit) {
        int max = 1;
        for (int i = 0; i < up.length; i++) {
            max = Math.max(max, up[i] + down[i]);
        }
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
                s.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>%ds: %d</title></rect>%n",
                        x, base - hUp, width, hUp, upColour, i * binSeconds, up[i]));
            }
            if (down[i] > 0) {
                s.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>%ds: %d failed</title></rect>%n",
                        x, base - hUp - hDown, width, hDown, downColour, i * binSeconds, down[i]));
            }
        }
        s.append(String.format(Locale.ROOT, "<text x=\"4\" y=\"%d\" class=\"scale\">max %d %s</text>%n", row * ROW + ROW / 2 + 13, max, unit));
        s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" class=\"base\"/>%n", LABEL, base, WIDTH, base));
    }

    private static void label(StringBuilder s, int row, String text) {
        s.append(String.format(Locale.ROOT, "<text x=\"4\" y=\"%d\" class=\"lane\">%s</text>%n", row * ROW + ROW / 2, esc(text)));
    }

    private static void faults(StringBuilder b, History h) {
        Instant origin = h.run().t();
        b.append("<h2>Faults</h2>\n<table class=\"faults\"><tr><th>#</th><th>fault</th><th>target</th><th>planned</th>")
                .append("<th>applied</th><th>detail</th></tr>\n");
        Map<Integer, Event.Fault> planned = new LinkedHashMap<>();
        Map<Integer, Event.Fault> started = new LinkedHashMap<>();
        Map<Integer, Event.Fault> ended = new LinkedHashMap<>();
        for (Event.Fault f : h.all(Event.Fault.class)) {
            switch (f.phase()) {
                case "planned" -> planned.put(f.window(), f);
                case "start" -> started.put(f.window(), f);
                default -> ended.put(f.window(), f);
            }
        }
        for (Event.Fault p : planned.values()) {
            Event.Fault s = started.get(p.window());
            Event.Fault e = ended.get(p.window());
            String applied = s == null ? "not reached" : String.format(Locale.ROOT, "%.1f s to %s", secs(origin, s.t()),
                    e == null ? "?" : String.format(Locale.ROOT, "%.1f s%s", secs(origin, e.t()), e.phase().equals("error") ? " (failed: " + e.note() + ")" : ""));
            b.append("<tr><td>").append(p.window()).append("</td><td><span class=\"swatch\" style=\"background:")
                    .append(FAULT_COLOURS.getOrDefault(p.kind(), "#888")).append("\"></span>").append(esc(p.kind()))
                    .append("</td><td>").append(esc(p.target())).append("</td><td>")
                    .append(String.format(Locale.ROOT, "%.1f s for %.1f s", p.atS(), p.lengthS())).append("</td><td>")
                    .append(esc(applied)).append("</td><td>")
                    .append(p.delayMs() == null ? "" : "each request held " + p.delayMs() + " ms").append("</td></tr>\n");
        }
        b.append("</table>\n");
    }

    /** Every record a property found wrong (lost, stale, not final, out of order), with its history. */
    private static void records(StringBuilder b, History h, List<PropertyVerdict> verdicts) {
        Set<String> keys = new LinkedHashSet<>();
        Map<String, List<Problem>> byRecord = new LinkedHashMap<>();
        for (PropertyVerdict v : verdicts) {
            for (Problem p : v.problems()) {
                if (p.recordId() == null) {
                    continue;
                }
                String key = (p.lane() == null ? "" : p.lane()) + " " + p.recordId();
                keys.add(key);
                byRecord.computeIfAbsent(key, k -> new ArrayList<>()).add(p);
            }
        }
        b.append("<h2>Lost, stale or otherwise wrong records</h2>\n");
        if (keys.isEmpty()) {
            b.append("<p>None: every record ended as the sender's newest snapshot, and its audit trail adds up.</p>\n");
            return;
        }
        Instant origin = h.run().t();
        Map<String, String> tableByLane = new LinkedHashMap<>();
        h.run().lanes().forEach(l -> tableByLane.put(l.lane(), l.table()));
        int shown = 0;
        for (String key : keys) {
            if (shown++ >= RECORDS_SHOWN) {
                b.append("<p>… and ").append(keys.size() - RECORDS_SHOWN).append(" more records: summary.json lists every problem.</p>\n");
                break;
            }
            String lane = key.substring(0, key.indexOf(' '));
            UUID id = UUID.fromString(key.substring(key.indexOf(' ') + 1));
            b.append("<details><summary><code>").append(esc(key)).append("</code>: ")
                    .append(esc(String.join("; ", byRecord.get(key).stream().map(p -> p.kind()).distinct().toList())))
                    .append("</summary>\n<ul>");
            byRecord.get(key).forEach(p -> b.append("<li>").append(esc(p.describe())).append("</li>"));
            b.append("</ul>\n<table class=\"hist\"><tr><th>t</th><th>what</th></tr>\n");
            List<String[]> rows = new ArrayList<>();
            String table = tableByLane.get(lane);
            for (Event.Commit c : h.all(Event.Commit.class)) {
                if (c.id().equals(id) && (table == null || c.table().equals(table))) {
                    rows.add(row(origin, c.t(), "commit write #" + c.seq() + " " + c.op() + ", updated_at " + c.updatedAt()
                            + (c.note() == null ? "" : " (" + c.note() + ")")));
                }
            }
            Map<Long, Event.Item> items = new LinkedHashMap<>();
            for (Event.Item i : h.all(Event.Item.class)) {
                if (i.recordId().equals(id) && (lane.isEmpty() || i.lane().equals(lane))) {
                    items.put(i.queueId(), i);
                    rows.add(row(origin, i.createdAt(), "audit item " + i.queueId() + " for write #" + i.seq() + ": ends " + i.status()
                            + " after " + i.attempts() + " attempt(s)" + (i.lastError() == null ? "" : ", last_error: " + i.lastError())));
                }
            }
            for (Event.Attempt a : h.all(Event.Attempt.class)) {
                Event.Item i = items.get(a.queueId());
                if (i != null) {
                    rows.add(row(origin, a.sentAt(), "attempt " + a.attempt() + " of write #" + i.seq() + " (request " + a.requestId()
                            + "): " + (a.statusCode() != null ? "HTTP " + a.statusCode() : a.error() == null ? "no outcome" : a.error())
                            + (a.finishedAt() == null ? "" : String.format(Locale.ROOT, ", outcome recorded at %.2f s", secs(origin, a.finishedAt())))));
                }
            }
            for (Event.Wire w : h.all(Event.Wire.class)) {
                if (id.equals(w.recordId()) && (lane.isEmpty() || w.lane().equals(lane))) {
                    rows.add(row(origin, w.t(), "wire: write #" + w.seq() + " through the proxy (" + w.fault() + "): "
                            + w.outcome().toLowerCase(Locale.ROOT).replace('_', ' ')
                            + (w.receiverStatus() == null ? "" : ", receiver answered " + w.receiverStatus()
                            + (w.receiverSeq() == null ? "" : " holding write #" + w.receiverSeq()))));
                }
            }
            for (Event.Redelivery r : h.all(Event.Redelivery.class)) {
                if (r.id().equals(id) && r.lane().equals(lane)) {
                    rows.add(row(origin, r.t(), "re-delivery of the " + r.which() + " snapshot (write #" + r.seq() + "): "
                            + (r.status() == null ? r.error() : "HTTP " + r.status() + ", acknowledged write #" + r.ackSeq()
                            + ", count " + r.ackCount())));
                }
            }
            h.all(Event.ReceiverRow.class).stream().filter(r -> r.id().equals(id) && r.lane().equals(lane)).forEach(r ->
                    rows.add(new String[] {"after", "receiver's store: " + (r.present() ? "holds write #" + r.seq() + ", updated_at " + r.updatedAt() : "no row")}));
            h.all(Event.SenderRow.class).stream().filter(r -> r.id().equals(id) && (table == null || r.table().equals(table))).forEach(r ->
                    rows.add(new String[] {"after", "sender's newest: write #" + r.seq() + ", updated_at " + r.updatedAt()}));
            rows.sort(Comparator.comparing((String[] r) -> r[0].equals("after") ? "~" : r[0]));
            rows.forEach(r -> b.append("<tr><td>").append(esc(r[0])).append("</td><td>").append(esc(r[1])).append("</td></tr>\n"));
            b.append("</table></details>\n");
        }
    }

    private static String[] row(Instant origin, Instant t, String what) {
        return new String[] {t == null ? "?" : String.format(Locale.ROOT, "%09.3f s", secs(origin, t)), what};
    }

    private static void meta(StringBuilder b, String key, String value, boolean html) {
        b.append("<tr><th>").append(esc(key)).append("</th><td>").append(html ? value : esc(value)).append("</td></tr>\n");
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

    private static String trim(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Whether the run kept a receiver log next to the report (a receiver process the kit ran). */
    private static final class Files {
        static boolean receiverLog(History h) {
            return h.run().receiver().contains("own process");
        }
    }

    private static final String STYLE = """
            body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:24px auto;max-width:1160px;color:#222;padding:0 12px}
            h1{font-size:22px;margin:0 0 8px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #ddd;padding-bottom:4px}
            .verdict{font-size:20px;font-weight:700;padding:10px 14px;border-radius:6px;margin:8px 0}
            .verdict span{font-size:14px;font-weight:400;margin-left:8px}
            .verdict.pass{background:#e3f4e1;color:#1d6b1a}.verdict.fail{background:#fbe3e1;color:#a11d12}.verdict.unknown{background:#f2efe0;color:#6b5d12}
            table{border-collapse:collapse}th,td{text-align:left;vertical-align:top;padding:4px 8px;border-bottom:1px solid #eee}
            table.meta th{color:#666;font-weight:500;width:140px}
            .tiles{display:flex;flex-wrap:wrap;gap:10px;margin:14px 0}
            .tile{flex:1 1 160px;border:1px solid #ddd;border-radius:6px;padding:8px 10px}
            .tile .value{font-size:24px;font-weight:700}.tile .label{font-weight:600}.tile .detail{font-size:12px;color:#666}
            td.pass{color:#1d6b1a;font-weight:700}td.fail{color:#a11d12;font-weight:700}td.unknown{color:#6b5d12;font-weight:700}
            .small{font-size:12px;color:#666}td.ids{white-space:nowrap;font-family:ui-monospace,monospace;font-size:12px}
            .scroll{overflow-x:auto}
            svg.timeline text{font:11px system-ui,sans-serif}
            svg .lane{font-weight:600;fill:#333}svg .scale{fill:#888;font-size:10px}svg .axis{fill:#777;text-anchor:end}svg .flabel{fill:#fff;font-size:10px}
            svg .grid{stroke:#eee}svg .base{stroke:#ccc}svg .writesend{stroke:#555;stroke-dasharray:4 3}
            .swatch{display:inline-block;width:10px;height:10px;margin-right:6px;border-radius:2px}
            details{margin:6px 0;border:1px solid #eee;border-radius:4px;padding:4px 8px}summary{cursor:pointer}
            table.hist td:first-child{white-space:nowrap;font-family:ui-monospace,monospace;color:#555}
            code{font-family:ui-monospace,monospace;font-size:13px}
            footer{margin-top:30px;font-size:12px;color:#666}
            """;
}
