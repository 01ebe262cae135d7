package org.replkit.chaos.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.replkit.chaos.check.Problem;
import org.replkit.chaos.check.PropertyVerdict;
import org.replkit.chaos.history.Event;
import org.replkit.chaos.history.History;

/**
 * The figures of a run, counted from its history and verdicts: what the console prints last, what
 * summary.json holds and what the README quotes.
 *
 * @param faultsInjected  per fault kind, the windows that were applied (started and ended)
 * @param changesLost     records whose newest snapshot the receiver lacks or holds stale, plus changes
 *                        the sender dropped from its audit trail, plus commits the sender lost
 */
public record ChaosFigures(long seed, double durationS, double rowsPerSecond, double updateShare, Event.Timing timing,
                         String receiver, Map<String, Long> faultsInjected, Map<String, String> faultsLeftOut,
                         long writesAttempted, long changesCommitted, long inserts, long updates, long writesFailed,
                         long writesUnknownFoundCommitted, long records, long deliveryAttempts, long failedAttempts,
                         long itemsDelivered, long itemsFailed, long itemsOpen, Map<String, Long> wireOutcomes,
                         boolean drained, double drainSeconds, long recordsLost, long recordsStale, long changesDropped,
                         long commitsLostBySender, long changesLost, List<String> lostIds, List<String> staleIds,
                         Map<String, String> properties) {

    public static ChaosFigures of(History h, List<PropertyVerdict> verdicts) {
        Event.Run run = h.run();
        Map<String, Long> faults = new LinkedHashMap<>();
        run.faultKinds().forEach(k -> faults.put(k, 0L));
        Map<Integer, String> started = new LinkedHashMap<>();
        for (Event.Fault f : h.all(Event.Fault.class)) {
            if (f.phase().equals("start")) {
                started.put(f.window(), f.kind());
            } else if (f.phase().equals("end") && started.containsKey(f.window())) {
                faults.merge(f.kind(), 1L, Long::sum);
            }
        }
        List<Event.Commit> commits = h.all(Event.Commit.class);
        List<Event.CommitFailed> failed = h.all(Event.CommitFailed.class);
        List<Event.Item> items = h.all(Event.Item.class);
        List<Event.Attempt> attempts = h.all(Event.Attempt.class);
        Map<String, Long> wire = new TreeMap<>(h.all(Event.Wire.class).stream()
                .collect(Collectors.groupingBy(Event.Wire::outcome, Collectors.counting())));
        Event.Drain drain = h.first(Event.Drain.class).orElse(null);

        List<Problem> newest = problems(verdicts, "newest");
        List<String> lost = newest.stream().filter(p -> !p.kind().equals("stale") && !p.kind().equals("not checked"))
                .map(p -> p.lane() + " " + p.recordId()).distinct().toList();
        List<String> stale = newest.stream().filter(p -> p.kind().equals("stale"))
                .map(p -> p.lane() + " " + p.recordId()).distinct().toList();
        List<Problem> finality = problems(verdicts, "final");
        long dropped = finality.stream().filter(p -> p.kind().equals("missing")).count();
        long senderLost = finality.stream().filter(p -> p.kind().equals("commit lost by the sender")).count();

        Map<String, String> properties = new LinkedHashMap<>();
        verdicts.forEach(v -> properties.put(v.property(), v.outcome().label()));
        return new ChaosFigures(run.seed(), run.durationS(), run.rowsPerSecond(), run.updateShare(), run.timing(), run.receiver(),
                faults, run.faultsLeftOut(), commits.size() + failed.size(), commits.size(),
                commits.stream().filter(c -> c.op().equals("INSERT")).count(),
                commits.stream().filter(c -> c.op().equals("UPDATE")).count(), failed.size(),
                commits.stream().filter(c -> c.note() != null).count(),
                h.all(Event.SenderRow.class).size(), attempts.size(),
                attempts.stream().filter(a -> a.statusCode() == null || a.statusCode() < 200 || a.statusCode() >= 300).count(),
                items.stream().filter(i -> i.status().equals("success")).count(),
                items.stream().filter(i -> i.status().equals("failed")).count(),
                items.stream().filter(i -> !i.status().equals("success") && !i.status().equals("failed")).count(),
                wire, drain != null && drain.settled(), drain == null ? 0 : drain.waitedS(), lost.size(), stale.size(),
                dropped, senderLost, lost.size() + stale.size() + dropped + senderLost, lost, stale, properties);
    }

    private static List<Problem> problems(List<PropertyVerdict> verdicts, String property) {
        return verdicts.stream().filter(v -> v.property().equals(property)).flatMap(v -> v.problems().stream()).toList();
    }

    /** e.g. "latency 2, lost-ack 1, black-hole 2, 503 1, receiver-kill 2, sender-crash 1 (9 in all)". */
    public String faultsByKindLine() {
        if (faultsInjected.isEmpty()) {
            return "none";
        }
        return faultsInjected.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", ")) + " (" + faultsTotal() + " in all)";
    }

    /** The fault windows applied, of every kind. */
    public long faultsTotal() {
        return faultsInjected.values().stream().mapToLong(Long::longValue).sum();
    }
}
