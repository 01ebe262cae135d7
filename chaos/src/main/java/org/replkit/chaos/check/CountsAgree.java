package org.replkit.chaos.check;

import org.replkit.spec.Outcome;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.replkit.chaos.history.Event;

/**
 * SND-STAT-01 and SYNC-COUNT-01 under faults. The sender's per-instance counters equal its audit
 * trail (success_count: items delivered; error_count: failed attempts), and the receiver's record
 * count grew by the records it was sent: its count before the run (the acknowledgement of the kit's
 * marker delivery; a receiver in use is never empty) plus the sender's distinct ids at the end (its
 * store, and its last acknowledgement of the re-delivery pass), and at every moment of the run no
 * more than that count plus the distinct ids that had reached the receiver by then. Without a count
 * before the run, the receiver's part is cantTell.
 */
public final class CountsAgree extends HistoryProperty {

    public CountsAgree() {
        super("counts", List.of("SND-STAT-01", "SYNC-COUNT-01"), true,
                "Success and error counts per instance equal the audit trail; the receiver counts each record once.");
    }

    @Override
    protected PropertyVerdict judge(Observed o) {
        List<Problem> problems = new ArrayList<>();
        Map<String, Object> figures = new LinkedHashMap<>();
        List<String> uncounted = new ArrayList<>();
        for (Event.Lane lane : o.lanes()) {
            long successes = o.items(lane.lane()).stream().filter(i -> i.status().equals("success")).count();
            long failedAttempts = o.items(lane.lane()).stream()
                    .flatMap(i -> o.attempts(i.queueId()).stream())
                    .filter(a -> a.finishedAt() != null && !Outcomes.success(a.statusCode()))
                    .count();
            figures.put(lane.lane() + "_success_items", successes);
            figures.put(lane.lane() + "_failed_attempts", failedAttempts);
            Event.InstanceCounters counters = o.counters(lane.lane()).orElse(null);
            if (counters == null) {
                problems.add(new Problem("no counters", lane.lane(), null, "the instance's counters in the registry", "none recorded"));
            } else {
                if (counters.successCount() != successes) { // SND-STAT-01
                    problems.add(new Problem("success_count", lane.lane(), null,
                            successes + " (items with status success)", Long.toString(counters.successCount())));
                }
                if (counters.errorCount() != failedAttempts) {
                    problems.add(new Problem("error_count", lane.lane(), null,
                            failedAttempts + " (failed attempts in the audit trail)", Long.toString(counters.errorCount())));
                }
            }

            long distinct = o.senderRows(lane.table()).size();
            Long before = o.countBefore(lane.lane()).orElse(null);
            if (before == null) {
                uncounted.add(lane.lane() + ": " + whyNoCountBefore(o, lane.lane()));
                continue;
            }
            figures.put(lane.lane() + "_receiver_count_before_run", before);
            long expected = before + distinct;
            String expectation = expected + " (" + before + " before the run, with the kit's marker record, plus the sender's "
                    + distinct + " distinct ids)";
            o.receiverCount(lane.lane(), "store").filter(count -> count != expected) // SYNC-COUNT-01
                    .ifPresent(count -> problems.add(new Problem("receiver count", lane.lane(), null,
                            expectation + " rows in the receiver's store", count + " rows")));
            o.receiverCount(lane.lane(), "ack").filter(count -> count != expected) // SYNC-COUNT-01
                    .ifPresent(count -> problems.add(new Problem("receiver count", lane.lane(), null,
                            expectation + " in the last acknowledgement of the re-delivery pass", Long.toString(count))));

            // During the run: an acknowledgement may count at most the records held before the run and
            // the distinct ids that had been forwarded to the receiver before it came back.
            List<Event.Wire> forwardedInOrder = o.wire(lane.lane()).stream().filter(w -> w.forwarded() != null && w.recordId() != null)
                    .sorted(java.util.Comparator.comparing(Event.Wire::forwarded)).toList();
            List<Event.Wire> answeredInOrder = o.wire(lane.lane()).stream().filter(w -> w.receiverCount() != null && w.done() != null)
                    .sorted(java.util.Comparator.comparing(Event.Wire::done)).toList();
            Set<UUID> forwarded = new HashSet<>();
            int next = 0;
            long overCounts = 0;
            Problem firstOver = null;
            for (Event.Wire w : answeredInOrder) {
                while (next < forwardedInOrder.size() && !forwardedInOrder.get(next).forwarded().isAfter(w.done())) {
                    forwarded.add(forwardedInOrder.get(next).recordId());
                    next++;
                }
                if (w.receiverCount() > before + forwarded.size()) { // SYNC-COUNT-01: a known id is not counted again
                    overCounts++;
                    if (firstOver == null) {
                        firstOver = new Problem("acknowledged count too high", lane.lane(), w.recordId(),
                                "at most " + (before + forwarded.size()) + " (" + before + " before the run, plus " + forwarded.size()
                                        + " distinct ids sent to the receiver by " + w.done() + ")",
                                w.receiverCount() + " in the acknowledgement");
                    }
                }
            }
            if (firstOver != null) {
                problems.add(firstOver);
                figures.put(lane.lane() + "_acknowledgements_counting_too_many", overCounts);
            }
        }
        if (problems.isEmpty() && !uncounted.isEmpty()) {
            // The receiver's count has no starting point: its growth cannot be judged (never a failure).
            return new PropertyVerdict(name(), title(), requirements(), Outcome.CANT_TELL,
                    "the sender's counters match its audit trail, but the receiver's count before the run could not be read ("
                            + String.join("; ", uncounted) + ")", List.of(), Map.copyOf(figures));
        }
        if (!uncounted.isEmpty()) {
            figures.put("receiver_count_not_judged", String.join("; ", uncounted));
        }
        return verdict(problems, "the sender's counters match its audit trail; the receiver's count grew by each record once",
                problems.size() + " count(s) that disagree", figures);
    }

    /** Why the marker delivery before the run gave no count. */
    static String whyNoCountBefore(Observed o, String lane) {
        Event.MarkerDelivery m = o.markerBefore(lane).orElse(null);
        if (m == null) {
            return "no marker delivery before the run was recorded";
        }
        if (m.error() != null) {
            return "the marker delivery failed: " + m.error();
        }
        if (!Outcomes.success(m.status())) {
            return "the marker delivery was answered " + m.status();
        }
        return "the marker delivery's acknowledgement carried no count";
    }
}
