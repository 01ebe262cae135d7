package org.replkit.chaos.check;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.replkit.chaos.history.Event;

/**
 * SND-ORDER-01: the sender never sends a snapshot after a newer snapshot of the same record has been
 * acknowledged. Judged on the audit trail (attempt sent after the newer item's success) and on the
 * wire (a request forwarded after the receiver had acknowledged a newer snapshot). A request the
 * nemesis itself held back (a latency fault) may reach the receiver after a newer one: that is the
 * network reordering, not the sender, and is counted as a late arrival the receiver had to absorb.
 */
public final class NoOldAfterNew extends HistoryProperty {

    public NoOldAfterNew() {
        super("order", List.of("SND-ORDER-01"), true,
                "No change was delivered after a newer snapshot of the same record had been acknowledged.");
    }

    @Override
    protected PropertyVerdict judge(Observed o) {
        List<Problem> problems = new ArrayList<>();
        long lateArrivals = 0;
        for (Event.Lane lane : o.lanes()) {
            Map<UUID, List<Event.Item>> byRecord = o.items(lane.lane()).stream().sorted(Comparator.comparing(Event.Item::updatedAt))
                    .collect(Collectors.groupingBy(Event.Item::recordId));
            for (List<Event.Item> items : byRecord.values()) {
                // newestAck[k]: the earliest acknowledgement of any snapshot newer than items[k]
                Instant earliestNewerAck = null;
                for (int k = items.size() - 1; k >= 0; k--) {
                    Event.Item item = items.get(k);
                    if (earliestNewerAck != null) {
                        for (Event.Attempt a : o.attempts(item.queueId())) {
                            if (a.sentAt().isAfter(earliestNewerAck)) { // SND-ORDER-01
                                problems.add(new Problem("old after new", lane.lane(), item.recordId(),
                                        "no attempt of write #" + item.seq() + " after " + earliestNewerAck
                                                + " (a newer snapshot was acknowledged then)",
                                        "attempt " + a.attempt() + " sent at " + a.sentAt()));
                            }
                        }
                    }
                    if (item.status().equals("success") && item.completedAt() != null
                            && (earliestNewerAck == null || item.completedAt().isBefore(earliestNewerAck))) {
                        earliestNewerAck = item.completedAt();
                    }
                }
            }

            Map<UUID, List<Event.Wire>> wireByRecord = o.wire(lane.lane()).stream().filter(w -> w.recordId() != null && w.seq() != null)
                    .collect(Collectors.groupingBy(Event.Wire::recordId));
            for (List<Event.Wire> exchanges : wireByRecord.values()) {
                for (Event.Wire e : exchanges) {
                    if (e.forwarded() == null) {
                        continue;
                    }
                    for (Event.Wire newer : exchanges) {
                        boolean acknowledgedBefore = newer.seq() > e.seq() && Outcomes.success(newer.receiverStatus())
                                && newer.done() != null && newer.done().isBefore(e.forwarded());
                        if (!acknowledgedBefore) {
                            continue;
                        }
                        if (e.fault() != null && e.fault().startsWith("delay")) {
                            lateArrivals++;
                        } else {
                            problems.add(new Problem("old after new on the wire", lane.lane(), e.recordId(),
                                    "write #" + e.seq() + " not sent after the receiver acknowledged write #" + newer.seq()
                                            + " at " + newer.done(),
                                    "forwarded at " + e.forwarded()));
                        }
                        break;
                    }
                }
            }
        }
        return verdict(problems, "no snapshot was sent after a newer one had been acknowledged"
                        + (lateArrivals > 0 ? " (" + lateArrivals + " request(s) the latency fault held back arrived late, as a slow network would deliver them)" : ""),
                problems.size() + " snapshot(s) sent after a newer one had been acknowledged",
                Map.of("late_arrivals_from_latency_faults", lateArrivals));
    }
}
