package org.replkit.chaos.check;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BinaryOperator;
import java.util.stream.Collectors;
import org.replkit.chaos.history.Event;

/**
 * SYNC-IDEM-06 and E2E-01 under faults: for every record, the receiver ends with the sender's newest
 * snapshot. Two ways of looking, both recorded in the history:
 *
 * <ul>
 *   <li>the receiver's store, read directly (the reference receivers' PostgreSQL store): every field
 *       of the stored row is compared with the sender's row;</li>
 *   <li>for any receiver, through its answers: the record's oldest snapshot is re-delivered (a stale
 *       retry, which a correct receiver answers with the row it holds), then its newest. The
 *       acknowledgement echoes the write number of what is stored; a count that grows on the stale
 *       re-delivery means the record was missing.</li>
 * </ul>
 *
 * A record is "lost" when the audit trail says its newest snapshot was delivered but the receiver
 * lacks it, "stale" when the receiver holds an older one, "not delivered" when the audit trail itself
 * marks the newest snapshot failed.
 */
public final class ReceiverHoldsNewest extends HistoryProperty {

    public ReceiverHoldsNewest() {
        super("newest", List.of("SYNC-IDEM-06", "E2E-01"), false,
                "For every record, the receiver holds the sender's newest snapshot (a stale or missing row is a loss).");
    }

    @Override
    protected PropertyVerdict judge(Observed o) {
        List<Problem> problems = new ArrayList<>();
        Map<String, Object> figures = new LinkedHashMap<>();
        long records = 0;
        boolean looked = false;
        for (Event.Lane lane : o.lanes()) {
            Map<UUID, Event.SenderRow> newest = o.senderRows(lane.table());
            boolean storeRead = o.storeRead(lane.lane());
            List<Event.Redelivery> redeliveries = o.redeliveries(lane.lane());
            if (newest.isEmpty() || (!storeRead && redeliveries.isEmpty())) {
                continue;
            }
            looked = true;
            Map<UUID, Event.Item> newestItem = newestItems(o, lane);
            boolean countsTrustworthy = countsTrustworthy(redeliveries);
            if (!storeRead && !countsTrustworthy) {
                figures.put(lane.lane() + "_count_unreliable",
                        "the count grew on re-deliveries of records the receiver evidently held: missing rows cannot be told by it");
            }
            long lost = 0;
            long stale = 0;
            for (Event.SenderRow row : newest.values()) {
                records++;
                // The store, where it could be read, is the authority; else the acknowledgements.
                Optional<Problem> found = storeRead ? fromStore(o, lane, row, newestItem.get(row.id()))
                        : fromAcknowledgements(lane, row, redeliveries, newestItem.get(row.id()), countsTrustworthy);
                if (found.isPresent()) {
                    problems.add(found.get());
                    if (found.get().kind().startsWith("stale")) {
                        stale++;
                    } else {
                        lost++;
                    }
                }
            }
            figures.put(lane.lane() + "_records", newest.size());
            figures.put(lane.lane() + "_lost", lost);
            figures.put(lane.lane() + "_stale", stale);
            figures.put(lane.lane() + "_looked_at", storeRead ? "store, then acknowledgements" : "acknowledgements");
        }
        if (!looked) {
            return cannotTell("the history holds neither the receiver's rows nor re-deliveries");
        }
        figures.put("records", records);
        return verdict(problems, records + " records, each holding the sender's newest snapshot",
                problems.size() + " record(s) missing, stale or wrong at the receiver", figures);
    }

    /**
     * What is wrong with one record at the receiver, judged as this property does (the store where
     * it was read, else the acknowledgements of the re-delivery pass); empty when it holds the
     * sender's newest snapshot.
     */
    static Optional<Problem> atReceiver(Observed o, Event.Lane lane, Event.SenderRow row, Event.Item newestItem) {
        if (o.storeRead(lane.lane())) {
            return fromStore(o, lane, row, newestItem);
        }
        List<Event.Redelivery> redeliveries = o.redeliveries(lane.lane());
        return fromAcknowledgements(lane, row, redeliveries, newestItem, countsTrustworthy(redeliveries));
    }

    /** Whether the receiver's holdings on this lane were observed at all (its store, or re-deliveries). */
    static boolean observed(Observed o, Event.Lane lane) {
        return o.storeRead(lane.lane()) || !o.redeliveries(lane.lane()).isEmpty();
    }

    /** The audit item of each record's newest snapshot on this lane. */
    static Map<UUID, Event.Item> newestItems(Observed o, Event.Lane lane) {
        return o.items(lane.lane()).stream().collect(Collectors.toMap(Event.Item::recordId, i -> i,
                BinaryOperator.maxBy(Comparator.comparing(Event.Item::updatedAt)), LinkedHashMap::new));
    }

    private static Optional<Problem> fromStore(Observed o, Event.Lane lane, Event.SenderRow expected, Event.Item item) {
        Event.ReceiverRow held = o.receiverRows(lane.lane()).get(expected.id());
        String want = "write #" + expected.seq() + " (updated_at " + expected.updatedAt() + ")";
        if (held == null || !held.present()) {
            return Optional.of(new Problem(missingKind(item), lane.lane(), expected.id(), want, "no row in the receiver's store"
                    + auditNote(item)));
        }
        if (held.updatedAt().isBefore(expected.updatedAt())) { // SYNC-IDEM-06: the newest snapshot wins
            return Optional.of(new Problem("stale", lane.lane(), expected.id(), want,
                    "write #" + held.seq() + " (updated_at " + held.updatedAt() + ")" + auditNote(item)));
        }
        if (held.updatedAt().isAfter(expected.updatedAt())) {
            return Optional.of(new Problem("wrong", lane.lane(), expected.id(), want,
                    "a row newer than the sender's: updated_at " + held.updatedAt()));
        }
        List<String> differing = RowComparison.differingFields(lane.table(), expected.row(), held.row());
        if (!differing.isEmpty()) {
            return Optional.of(new Problem("wrong values", lane.lane(), expected.id(), want + " field by field",
                    "the same updated_at with different " + String.join(", ", differing)));
        }
        return Optional.empty();
    }

    /**
     * Whether the receiver's count tells a new record from a known one: false when it grew on the
     * re-delivery of a record the receiver evidently held (it answered with a different, newer row).
     */
    static boolean countsTrustworthy(List<Event.Redelivery> redeliveries) {
        Long previous = null;
        for (Event.Redelivery r : redeliveries) {
            boolean heldAnother = r.ackSeq() != null && r.ackSeq() != r.seq();
            if (previous != null && r.ackCount() != null && r.ackCount() > previous && heldAnother) {
                return false;
            }
            if (r.ackCount() != null) {
                previous = r.ackCount();
            }
        }
        return true;
    }

    private static Optional<Problem> fromAcknowledgements(Event.Lane lane, Event.SenderRow expected,
                                                          List<Event.Redelivery> redeliveries, Event.Item item,
                                                          boolean countsTrustworthy) {
        Event.Redelivery oldest = null;
        Event.Redelivery newestAnswer = null;
        Long countBefore = null;
        Long previousCount = null;
        for (Event.Redelivery r : redeliveries) {
            if (r.id().equals(expected.id())) {
                if (r.which().equals("oldest")) {
                    oldest = r;
                    countBefore = previousCount;
                } else {
                    newestAnswer = r;
                }
            }
            if (r.ackCount() != null) {
                previousCount = r.ackCount();
            }
        }
        String want = "write #" + expected.seq() + " (updated_at " + expected.updatedAt() + ")";
        if (oldest == null) {
            return Optional.of(new Problem("not checked", lane.lane(), expected.id(), "a re-delivery of the record", "none was made"));
        }
        if (!Outcomes.success(oldest.status()) || oldest.ackSeq() == null) {
            return Optional.of(new Problem("not checked", lane.lane(), expected.id(), "a 2xx acknowledgement to the re-delivery",
                    oldest.status() == null ? String.valueOf(oldest.error()) : "HTTP " + oldest.status()));
        }
        boolean grew = countsTrustworthy && countBefore != null && oldest.ackCount() != null && oldest.ackCount() == countBefore + 1;
        if (grew) {
            return Optional.of(new Problem(missingKind(item), lane.lane(), expected.id(), want,
                    "the receiver's count grew when the record was re-delivered: it did not hold it" + auditNote(item)));
        }
        if (!Objects.equals(oldest.ackSeq(), expected.seq())) {
            if (oldest.ackSeq().longValue() != oldest.seq()) {
                return Optional.of(new Problem("stale", lane.lane(), expected.id(), want,
                        "the receiver acknowledged write #" + oldest.ackSeq() + " as the row it holds" + auditNote(item)));
            }
            return Optional.of(new Problem(countBefore == null ? "stale or missing" : "stale", lane.lane(), expected.id(), want,
                    "the receiver took the re-delivered oldest snapshot (write #" + oldest.seq() + ") as its row" + auditNote(item)));
        }
        if (newestAnswer != null && !Objects.equals(newestAnswer.ackSeq(), expected.seq())) {
            return Optional.of(new Problem("wrong", lane.lane(), expected.id(), "the newest snapshot acknowledged as stored",
                    "acknowledged write #" + newestAnswer.ackSeq()));
        }
        return Optional.empty();
    }

    private static String missingKind(Event.Item item) {
        return item != null && item.status().equals("failed") ? "not delivered" : "lost";
    }

    private static String auditNote(Event.Item item) {
        if (item == null) {
            return "; the audit trail holds no item for it";
        }
        return item.status().equals("success")
                ? "; the audit trail says write #" + item.seq() + " was delivered at " + item.completedAt()
                : "; the audit trail marks write #" + item.seq() + " " + item.status()
                + (item.lastError() == null ? "" : " (" + item.lastError() + ")");
    }
}
