package org.replkit.chaos.check;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.replkit.chaos.history.Event;

/**
 * SND-AUDIT-01: every change the sender acknowledged has exactly one audit item per receiver
 * instance, and after the drain every item is final (success, failed, or superseded: an older
 * snapshot the sender coalesced into a newer one of the same record). Two more things the
 * audit trail must not claim: a success the receiver never gave (the proxy saw every answer), and a
 * commit the sender acknowledged to the writer but no longer holds.
 */
public final class EveryChangeFinal extends HistoryProperty {

    /** The audit trail's final states; superseded: coalesced into a newer snapshot of the same record. */
    static final Set<String> FINAL = Set.of("success", "failed", "superseded");

    public EveryChangeFinal() {
        super("final", List.of("SND-AUDIT-01"), true,
                "Every captured change is final (success, failed or superseded) in the audit trail, none pending or in flight, none missing; "
                + "every success matches an acknowledgement the receiver really gave.");
    }

    @Override
    protected PropertyVerdict judge(Observed o) {
        List<Problem> problems = new ArrayList<>();
        long checked = 0;
        for (Event.Lane lane : o.lanes()) {
            Map<String, List<Event.Item>> itemsByChange = o.items(lane.lane()).stream()
                    .collect(Collectors.groupingBy(item -> change(item.recordId().toString(), item.seq())));
            // The sender got a 2xx: the receiver's answer was handed on, in time or late.
            Set<String> acknowledgedOnTheWire = o.wire(lane.lane()).stream()
                    .filter(w -> Outcomes.success(w.receiverStatus()) && w.recordId() != null
                            && ("ANSWERED".equals(w.outcome()) || "ANSWERED_LATE".equals(w.outcome())))
                    .map(w -> change(w.recordId().toString(), w.seq())).collect(Collectors.toSet());
            Set<String> expected = new HashSet<>();
            for (Event.Commit c : o.commits(lane.table())) {
                checked++;
                String key = change(c.id().toString(), c.seq());
                expected.add(key);
                List<Event.Item> items = itemsByChange.getOrDefault(key, List.of());
                if (items.isEmpty()) { // SND-AUDIT-01: an item per (change, instance), never silently dropped
                    problems.add(new Problem("missing", lane.lane(), c.id(),
                            "an audit item for write #" + c.seq() + " (" + c.op() + ", updated_at " + c.updatedAt() + ")",
                            "none: the change was dropped"));
                    continue;
                }
                if (items.size() > 1) {
                    problems.add(new Problem("duplicated", lane.lane(), c.id(), "one audit item for write #" + c.seq(),
                            items.size() + " items (queue ids " + items.stream().map(i -> Long.toString(i.queueId())).toList() + ")"));
                }
                for (Event.Item item : items) {
                    if (!FINAL.contains(item.status())) { // SND-AUDIT-01: final after the drain
                        problems.add(new Problem("not final", lane.lane(), c.id(), "success, failed or superseded after the drain",
                                item.status() + " (queue id " + item.queueId() + ", " + item.attempts() + " attempts)"));
                    } else if (item.status().equals("success") && !acknowledgedOnTheWire.contains(key)) {
                        problems.add(new Problem("success never acknowledged", lane.lane(), c.id(),
                                "a 2xx from the receiver, handed to the sender, for write #" + c.seq(),
                                "the audit trail says success (queue id " + item.queueId()
                                        + "), but the proxy never passed the sender a 2xx for that snapshot"));
                    }
                }
            }
            itemsByChange.forEach((key, items) -> {
                if (!expected.contains(key)) {
                    Event.Item i = items.get(0);
                    problems.add(new Problem("unexpected item", lane.lane(), i.recordId(), "no audit item without a committed write",
                            "queue id " + i.queueId() + " for write #" + i.seq() + " that the writer never saw committed"));
                }
            });
        }
        if (o.senderWritesRecorded()) {
            for (Event.Commit c : o.commits()) {
                if (!o.senderHasWrite(c.seq())) {
                    problems.add(new Problem("commit lost by the sender", null, c.id(),
                            "write #" + c.seq() + " (acknowledged to the writer at " + c.t() + ") in the sender's write log",
                            "absent after the run: the sender lost an acknowledged commit"));
                }
            }
        }
        return verdict(problems, checked + " changes, each with one final audit item per instance",
                problems.size() + " problem(s) with the audit trail's final state", Map.of("changes_checked", checked));
    }

    private static String change(String recordId, Long seq) {
        return recordId + "#" + seq;
    }
}
