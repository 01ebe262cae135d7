package org.replkit.chaos.report;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.replkit.chaos.check.Problem;
import org.replkit.chaos.check.PropertyVerdict;
import org.replkit.chaos.history.Event;
import org.replkit.chaos.history.History;
import org.replkit.spec.ReportStyle;

/**
 * index.html of a chaos run: one self-contained page (template chaos.jte, the kit's stylesheet,
 * inline SVG, no script): the verdict, the figures, the checker's verdict per property, a timeline
 * of faults and deliveries with one lane per receiver instance, the fault windows, and every lost
 * or stale record with its history. This class words the values; the template lays them out.
 */
final class HtmlPage {

    private static final int RECORDS_SHOWN = 40;
    private static final int PROBLEMS_SHOWN = 8;
    private static final TemplateEngine PAGES = TemplateEngine.createPrecompiled(null, ContentType.Html,
            HtmlPage.class.getClassLoader(), "org.replkit.chaos.pages");

    private HtmlPage() {
    }

    static String render(History h, List<PropertyVerdict> verdicts, ChaosFigures f, int exitCode) {
        StringOutput out = new StringOutput();
        PAGES.render("chaos.jte", page(h, verdicts, f, exitCode), out);
        return out.toString();
    }

    static ChaosPage page(History h, List<PropertyVerdict> verdicts, ChaosFigures f, int exitCode) {
        Event.Timing t = f.timing();
        String senderTiming = "tick every " + t.cadenceS() + " s, timeout " + t.timeoutMs() + " ms, retries after "
                + String.join(", ", t.backoffS().stream().map(ChaosReport::number).toList()) + " s (" + t.maxRetries()
                + " retries), lost-request grace " + t.lostGraceS() + " s";
        Map<String, List<Problem>> wrong = wrongRecords(verdicts);
        return new ChaosPage(ReportStyle.css(), ChaosReport.verdict(exitCode).label(),
                ChaosReport.verdictLabel(exitCode).toUpperCase(Locale.ROOT), headline(verdicts, f, exitCode),
                Long.toString(f.seed()), ChaosReport.rerun(f.seed()), h.run().t().toString(), senderTiming, f, properties(verdicts),
                TimelineChart.of(h), faults(h), records(h, wrong), Math.max(0, wrong.size() - RECORDS_SHOWN),
                h.run().receiver().contains("own process"));
    }

    private static String headline(List<PropertyVerdict> verdicts, ChaosFigures f, int exitCode) {
        if (exitCode == 0) {
            return "every property held: " + f.changesCommitted() + " changes committed, " + f.faultsTotal() + " faults injected, 0 lost";
        }
        List<String> failed = verdicts.stream().filter(PropertyVerdict::failed).map(PropertyVerdict::property).toList();
        if (!failed.isEmpty()) {
            return "properties failed: " + String.join(", ", failed) + "; " + f.changesLost() + " change(s) lost or stale";
        }
        return "some properties could not be judged: see below";
    }

    private static List<ChaosPage.PropertyRow> properties(List<PropertyVerdict> verdicts) {
        return verdicts.stream().map(v -> new ChaosPage.PropertyRow(v.property(), v.title(), v.requirements(),
                v.outcome().label(), v.summary(), v.problems().stream().limit(PROBLEMS_SHOWN).map(Problem::describe).toList(),
                Math.max(0, v.problems().size() - PROBLEMS_SHOWN))).toList();
    }

    private static List<ChaosPage.FaultRow> faults(History h) {
        Instant origin = h.run().t();
        // Each window's last event of each phase: planned, start, and "end" (an end or an error).
        Map<String, Map<Integer, Event.Fault>> byPhase = h.all(Event.Fault.class).stream().collect(Collectors.groupingBy(
                f -> f.phase().equals("planned") || f.phase().equals("start") ? f.phase() : "end",
                Collectors.toMap(Event.Fault::window, f -> f, (a, b) -> b, LinkedHashMap::new)));
        Map<Integer, Event.Fault> started = byPhase.getOrDefault("start", Map.of());
        Map<Integer, Event.Fault> ended = byPhase.getOrDefault("end", Map.of());
        List<ChaosPage.FaultRow> rows = new ArrayList<>();
        for (Event.Fault p : byPhase.getOrDefault("planned", Map.of()).values()) {
            Event.Fault s = started.get(p.window());
            Event.Fault e = ended.get(p.window());
            String applied = s == null ? "not reached" : String.format(Locale.ROOT, "%.1f s to %s", secs(origin, s.t()),
                    e == null ? "?" : String.format(Locale.ROOT, "%.1f s%s", secs(origin, e.t()),
                            e.phase().equals("error") ? " (failed: " + e.note() + ")" : ""));
            rows.add(new ChaosPage.FaultRow(p.window(), p.kind(), TimelineChart.colour(p.kind()), p.target(),
                    String.format(Locale.ROOT, "%.1f s for %.1f s", p.atS(), p.lengthS()), applied,
                    FaultWords.parameter(p.kind(), p.delayMs(), "")));
        }
        return rows;
    }

    /** "lane id" of every record a property found wrong, with its problems, in the order found. */
    private static Map<String, List<Problem>> wrongRecords(List<PropertyVerdict> verdicts) {
        return verdicts.stream().flatMap(v -> v.problems().stream()).filter(p -> p.recordId() != null).collect(Collectors.groupingBy(
                p -> (p.lane() == null ? "" : p.lane()) + " " + p.recordId(), LinkedHashMap::new, Collectors.toList()));
    }

    /** Every record a property found wrong (lost, stale, not final, out of order), with its history. */
    private static List<ChaosPage.RecordView> records(History h, Map<String, List<Problem>> byRecord) {
        Instant origin = h.run().t();
        Map<String, String> tableByLane = h.run().lanes().stream().collect(Collectors.toMap(Event.Lane::lane, Event.Lane::table));
        return byRecord.entrySet().stream().limit(RECORDS_SHOWN).map(e -> {
            String lane = e.getKey().substring(0, e.getKey().indexOf(' '));
            UUID id = UUID.fromString(e.getKey().substring(e.getKey().indexOf(' ') + 1));
            return new ChaosPage.RecordView(e.getKey(), String.join("; ", e.getValue().stream().map(Problem::kind).distinct().toList()),
                    e.getValue().stream().map(Problem::describe).toList(), history(h, origin, lane, tableByLane.get(lane), id));
        }).toList();
    }

    private static List<ChaosPage.Cell> history(History h, Instant origin, String lane, String table, UUID id) {
        List<ChaosPage.Cell> rows = new ArrayList<>();
        h.all(Event.Commit.class).stream().filter(c -> c.id().equals(id) && (table == null || c.table().equals(table))).forEach(c ->
                rows.add(row(origin, c.t(), "commit write #" + c.seq() + " " + c.op() + ", updated_at " + c.updatedAt()
                        + (c.note() == null ? "" : " (" + c.note() + ")"))));
        Map<Long, Event.Item> items = new LinkedHashMap<>();
        for (Event.Item i : h.all(Event.Item.class)) {
            if (i.recordId().equals(id) && (lane.isEmpty() || i.lane().equals(lane))) {
                items.put(i.queueId(), i);
                rows.add(row(origin, i.createdAt(), "audit item " + i.queueId() + " for write #" + i.seq() + ": ends " + i.status()
                        + " after " + i.attempts() + " attempt(s)" + (i.lastError() == null ? "" : ", last_error: " + i.lastError())));
            }
        }
        h.all(Event.Attempt.class).stream().filter(a -> items.containsKey(a.queueId())).forEach(a ->
                rows.add(row(origin, a.sentAt(), "attempt " + a.attempt() + " of write #" + items.get(a.queueId()).seq()
                        + " (request " + a.requestId() + "): "
                        + (a.statusCode() != null ? "HTTP " + a.statusCode() : a.error() == null ? "no outcome" : a.error())
                        + (a.finishedAt() == null ? "" : String.format(Locale.ROOT, ", outcome recorded at %.2f s",
                        secs(origin, a.finishedAt()))))));
        h.all(Event.Wire.class).stream().filter(w -> id.equals(w.recordId()) && (lane.isEmpty() || w.lane().equals(lane))).forEach(w ->
                rows.add(row(origin, w.t(), "wire: write #" + w.seq() + " through the proxy (" + w.fault() + "): "
                        + w.outcome().toLowerCase(Locale.ROOT).replace('_', ' ')
                        + (w.receiverStatus() == null ? "" : ", receiver answered " + w.receiverStatus()
                        + (w.receiverSeq() == null ? "" : " holding write #" + w.receiverSeq())))));
        h.all(Event.Redelivery.class).stream().filter(r -> r.id().equals(id) && r.lane().equals(lane)).forEach(r ->
                rows.add(row(origin, r.t(), "re-delivery of the " + r.which() + " snapshot (write #" + r.seq() + "): "
                        + (r.status() == null ? r.error() : "HTTP " + r.status() + ", acknowledged write #" + r.ackSeq()
                        + ", count " + r.ackCount()))));
        h.all(Event.ReceiverRow.class).stream().filter(r -> r.id().equals(id) && r.lane().equals(lane)).forEach(r ->
                rows.add(new ChaosPage.Cell("after", "receiver's store: " + (r.present() ? "holds write #" + r.seq()
                        + ", updated_at " + r.updatedAt() : "no row"))));
        h.all(Event.SenderRow.class).stream().filter(r -> r.id().equals(id) && (table == null || r.table().equals(table))).forEach(r ->
                rows.add(new ChaosPage.Cell("after", "sender's newest: write #" + r.seq() + ", updated_at " + r.updatedAt())));
        rows.sort(Comparator.comparing((ChaosPage.Cell r) -> r.name().equals("after") ? "~" : r.name()));
        return rows;
    }

    private static ChaosPage.Cell row(Instant origin, Instant t, String what) {
        return new ChaosPage.Cell(t == null ? "?" : String.format(Locale.ROOT, "%09.3f s", secs(origin, t)), what);
    }

    private static double secs(Instant origin, Instant t) {
        return Duration.between(origin, t).toNanos() / 1e9;
    }
}
