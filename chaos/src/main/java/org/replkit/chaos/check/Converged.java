package org.replkit.chaos.check;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.replkit.chaos.history.Event;

/**
 * E2E-01 over the whole run, record by record: after the drain, with no operator action (the kit
 * never calls requeue_failed), every record's newest snapshot is at the receiver. Where `newest`
 * judges what the receiver did with what it was given, this property asks whether the system as a
 * whole converged, and names every record that did not, with why: the sender gave up on its newest
 * snapshot (failed, and nothing sent it again), it was still pending when the drain ended, or the
 * receiver lost what it acknowledged or let an older snapshot win; and the faults that the newest
 * snapshot's delivery met.
 *
 * <p>A sender that keeps the spec's retry schedule literally (outage_policy 'fail') fails this
 * property under a long outage: every change committed while the receiver was down for longer than
 * the retry schedule ends failed, and stays so.
 */
public final class Converged extends HistoryProperty {

    /** How many lost records the summary names; the problems name every one. */
    static final int NAMED_IN_SUMMARY = 5;

    public Converged() {
        super("converged", List.of("E2E-01"), true,
                "After the drain, with no operator action, every record's newest snapshot is at the receiver.");
    }

    @Override
    protected PropertyVerdict judge(Observed o) {
        List<Problem> problems = new ArrayList<>();
        Map<String, Long> byCause = new TreeMap<>();
        List<String> lostIds = new ArrayList<>();
        long records = 0;
        boolean looked = false;
        List<Observed.Window> faults = o.faultWindows();
        for (Event.Lane lane : o.lanes()) {
            if (!ReceiverHoldsNewest.observed(o, lane)) {
                continue;
            }
            looked = true;
            Map<UUID, Event.Item> newestItem = ReceiverHoldsNewest.newestItems(o, lane);
            for (Event.SenderRow row : o.senderRows(lane.table()).values()) {
                records++;
                Event.Item item = newestItem.get(row.id());
                Optional<Problem> atReceiver = ReceiverHoldsNewest.atReceiver(o, lane, row, item);
                if (atReceiver.isEmpty() || atReceiver.get().kind().equals("not checked")) {
                    continue;
                }
                String cause = cause(item, atReceiver.get().kind());
                byCause.merge(cause, 1L, Long::sum);
                lostIds.add(lane.lane() + "/" + row.id());
                // E2E-01: the newest snapshot of every record reaches the receiver, with no operator action
                problems.add(new Problem(cause, lane.lane(), row.id(),
                        "write #" + row.seq() + " (its newest snapshot, updated_at " + row.updatedAt() + ") at the receiver",
                        why(item) + metFaults(item, lane.lane(), faults) + "; at the receiver: " + atReceiver.get().actual().split("; the audit trail")[0]));
            }
        }
        if (!looked) {
            return cannotTell("the history holds neither the receiver's rows nor re-deliveries");
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("records", records);
        figures.put("records_not_converged", (long) lostIds.size());
        figures.put("by_cause", Map.copyOf(byCause));
        figures.put("records_lost", List.copyOf(lostIds));
        o.history().first(Event.Drain.class).ifPresent(d -> figures.put("drain_settled", d.settled()));
        String named = lostIds.stream().limit(NAMED_IN_SUMMARY).collect(Collectors.joining(", "))
                + (lostIds.size() > NAMED_IN_SUMMARY ? ", ..." : "");
        return verdict(problems, records + " records, each with its newest snapshot at the receiver after the drain",
                lostIds.size() + " of " + records + " record(s) did not converge ("
                        + byCause.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "))
                        + "): " + named, figures);
    }

    /** The class of loss, from the audit item of the record's newest snapshot and what the receiver holds. */
    static String cause(Event.Item item, String atReceiver) {
        if (item == null) {
            return "never queued";
        }
        return switch (item.status()) {
            case "failed" -> "given up by the sender";
            case "pending", "in_flight" -> "still pending after the drain";
            case "superseded" -> "superseded by no newer snapshot";
            default -> atReceiver.startsWith("stale") ? "stale after delivery" : "lost after delivery";
        };
    }

    private static String why(Event.Item item) {
        if (item == null) {
            return "the audit trail holds no item for it";
        }
        return switch (item.status()) {
            case "failed" -> "the audit trail marks write #" + item.seq() + " failed after " + item.attempts() + " attempt(s)"
                    + (item.lastError() == null ? "" : " (" + item.lastError() + ")") + " and nothing sent it again";
            case "pending", "in_flight" -> "write #" + item.seq() + " still " + item.status() + " when the drain ended, after "
                    + item.attempts() + " attempt(s)";
            case "superseded" -> "write #" + item.seq() + " marked superseded, but no newer snapshot of the record exists";
            default -> "the audit trail says write #" + item.seq() + " was delivered at " + item.completedAt();
        };
    }

    /** The faults on this lane between the newest snapshot's capture and its last word in the audit trail. */
    private static String metFaults(Event.Item item, String lane, List<Observed.Window> faults) {
        if (item == null || item.createdAt() == null) {
            return "";
        }
        Instant until = item.completedAt() != null ? item.completedAt() : Instant.MAX;
        List<String> met = faults.stream()
                .filter(w -> w.target().equals(lane) || w.target().equals("all lanes") || w.target().equals("receiver")
                        || w.target().equals("sender"))
                .filter(w -> w.overlaps(item.createdAt(), until))
                .map(w -> w.kind() + " #" + w.number()).toList();
        return met.isEmpty() ? "" : ", meeting " + String.join(", ", met);
    }
}
