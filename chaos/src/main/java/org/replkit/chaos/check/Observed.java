package org.replkit.chaos.check;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.replkit.chaos.history.Event;
import org.replkit.chaos.history.History;

/** A history indexed the ways the properties look at it: per lane, per record, per audit item. */
public final class Observed {

    private final History history;
    private final Event.Run run;
    private final Map<String, Event.Lane> lanes = new LinkedHashMap<>();
    private final Map<String, List<Event.Commit>> commitsByTableAndId = new HashMap<>();
    private final Map<String, List<Event.Item>> itemsByLane = new LinkedHashMap<>();
    private final Map<Long, List<Event.Attempt>> attemptsByItem = new HashMap<>();
    private final Map<String, List<Event.Wire>> wireByLane = new HashMap<>();
    private final Map<String, Event.InstanceCounters> countersByLane = new HashMap<>();
    private final Map<String, Map<UUID, Event.SenderRow>> senderRowsByTable = new HashMap<>();
    private final Map<String, Map<UUID, Event.ReceiverRow>> receiverRowsByLane = new HashMap<>();
    private final Map<String, List<Event.Redelivery>> redeliveriesByLane = new HashMap<>();
    private final Set<Long> senderWrites = new HashSet<>();
    private final boolean senderWritesRecorded;

    public Observed(History history) {
        this.history = history;
        this.run = history.run();
        run.lanes().forEach(l -> lanes.put(l.lane(), l));
        for (Event.Commit c : history.all(Event.Commit.class)) {
            commitsByTableAndId.computeIfAbsent(key(c.table(), c.id()), k -> new ArrayList<>()).add(c);
        }
        commitsByTableAndId.values().forEach(l -> l.sort(Comparator.comparingLong(Event.Commit::seq)));
        for (Event.Item i : history.all(Event.Item.class)) {
            itemsByLane.computeIfAbsent(i.lane(), k -> new ArrayList<>()).add(i);
        }
        for (Event.Attempt a : history.all(Event.Attempt.class)) {
            attemptsByItem.computeIfAbsent(a.queueId(), k -> new ArrayList<>()).add(a);
        }
        attemptsByItem.values().forEach(l -> l.sort(Comparator.comparingInt(Event.Attempt::attempt)
                .thenComparing(Event.Attempt::sentAt)));
        for (Event.Wire w : history.all(Event.Wire.class)) {
            wireByLane.computeIfAbsent(w.lane(), k -> new ArrayList<>()).add(w);
        }
        history.all(Event.InstanceCounters.class).forEach(c -> countersByLane.put(c.lane(), c));
        for (Event.SenderRow r : history.all(Event.SenderRow.class)) {
            senderRowsByTable.computeIfAbsent(r.table(), k -> new LinkedHashMap<>()).put(r.id(), r);
        }
        for (Event.ReceiverRow r : history.all(Event.ReceiverRow.class)) {
            receiverRowsByLane.computeIfAbsent(r.lane(), k -> new LinkedHashMap<>()).put(r.id(), r);
        }
        for (Event.Redelivery r : history.all(Event.Redelivery.class)) {
            redeliveriesByLane.computeIfAbsent(r.lane(), k -> new ArrayList<>()).add(r);
        }
        List<Event.SenderWrites> writes = history.all(Event.SenderWrites.class);
        writes.forEach(w -> senderWrites.addAll(w.seqs()));
        senderWritesRecorded = !writes.isEmpty();
    }

    public History history() {
        return history;
    }

    public Event.Run run() {
        return run;
    }

    public List<Event.Lane> lanes() {
        return List.copyOf(lanes.values());
    }

    public List<Event.Commit> commits() {
        return history.all(Event.Commit.class);
    }

    /** The commits of one record, oldest first. */
    public List<Event.Commit> commits(String table, UUID id) {
        return commitsByTableAndId.getOrDefault(key(table, id), List.of());
    }

    public List<Event.Commit> commits(String table) {
        return commits().stream().filter(c -> c.table().equals(table)).toList();
    }

    public List<Event.Item> items(String lane) {
        return itemsByLane.getOrDefault(lane, List.of());
    }

    public boolean auditRecorded() {
        return !history.all(Event.Item.class).isEmpty() || history.first(Event.Drain.class).isPresent();
    }

    public List<Event.Attempt> attempts(long queueId) {
        return attemptsByItem.getOrDefault(queueId, List.of());
    }

    public List<Event.Wire> wire(String lane) {
        return wireByLane.getOrDefault(lane, List.of());
    }

    public Optional<Event.InstanceCounters> counters(String lane) {
        return Optional.ofNullable(countersByLane.get(lane));
    }

    public Map<UUID, Event.SenderRow> senderRows(String table) {
        return senderRowsByTable.getOrDefault(table, Map.of());
    }

    /** Rows read straight from the receiver's store; empty when the store could not be read directly. */
    public Map<UUID, Event.ReceiverRow> receiverRows(String lane) {
        return receiverRowsByLane.getOrDefault(lane, Map.of());
    }

    public boolean storeRead(String lane) {
        return receiverRowsByLane.containsKey(lane)
                || history.all(Event.ReceiverCount.class).stream().anyMatch(c -> c.lane().equals(lane) && c.source().equals("store"));
    }

    public List<Event.Redelivery> redeliveries(String lane) {
        return redeliveriesByLane.getOrDefault(lane, List.of());
    }

    public Optional<Long> receiverCount(String lane, String source) {
        return history.all(Event.ReceiverCount.class).stream()
                .filter(c -> c.lane().equals(lane) && c.source().equals(source)).map(Event.ReceiverCount::count).reduce((a, b) -> b);
    }

    /** The sender's outage policy: "fail" when the history does not say (a sender without the setting). */
    public String outagePolicy() {
        return history.first(Event.SenderPolicy.class).map(Event.SenderPolicy::outagePolicy).orElse("fail");
    }

    /** True when the sender pauses an instance that is down as a whole instead of failing its items. */
    public boolean pausesOnOutage() {
        return "pause".equals(outagePolicy());
    }

    /** The instances beside the lanes under test (gone, fan-out), each judged by its own property. */
    public List<Event.SideLane> sideLanes() {
        return history.all(Event.SideLane.class);
    }

    /** An instance's delivery state at the end, where the sender keeps one. */
    public Optional<Event.InstanceState> instanceState(String lane) {
        return history.all(Event.InstanceState.class).stream().filter(s -> s.lane().equals(lane)).reduce((a, b) -> b);
    }

    /**
     * The receiver's count before the run: the count in the acknowledgement of the marker delivery
     * sent before the writes (it includes the marker record); empty when none could be read.
     */
    public Optional<Long> countBefore(String lane) {
        return markerBefore(lane).map(Event.MarkerDelivery::ackCount);
    }

    /** The marker delivery sent before the writes, when one was recorded. */
    public Optional<Event.MarkerDelivery> markerBefore(String lane) {
        return history.all(Event.MarkerDelivery.class).stream()
                .filter(m -> m.lane().equals(lane) && m.phase().equals("before")).findFirst();
    }

    public boolean senderWritesRecorded() {
        return senderWritesRecorded;
    }

    public boolean senderHasWrite(long seq) {
        return senderWrites.contains(seq);
    }

    /** Actual fault windows (start to end, as they happened). */
    public List<Window> faultWindows() {
        return faultWindows(history);
    }

    /** The fault windows of a history, in the order they ended. */
    public static List<Window> faultWindows(History history) {
        Map<Integer, Event.Fault> starts = new HashMap<>();
        List<Window> out = new ArrayList<>();
        for (Event.Fault f : history.all(Event.Fault.class)) {
            Event.Fault s = starts.get(f.window());
            if (f.phase().equals("start")) {
                starts.put(f.window(), f);
            } else if ((f.phase().equals("end") || f.phase().equals("error")) && s != null) {
                out.add(new Window(f.window(), s.kind(), s.target(), s.t(), f.t(), s.delayMs()));
            }
        }
        return out;
    }

    /** A fault as it actually happened. */
    public record Window(int number, String kind, String target, Instant start, Instant end, Long delayMs) {
        public boolean overlaps(Instant from, Instant to) {
            return !end.isBefore(from) && !start.isAfter(to);
        }
    }

    private static String key(String table, UUID id) {
        return table + "/" + id;
    }
}
