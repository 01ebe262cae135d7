package org.replkit.chaos.check;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.replkit.chaos.history.Event;
import org.replkit.chaos.history.History;

/** A history indexed the ways the properties look at it: per lane, per record, per audit item. */
public final class Observed {

    private final History history;
    private final Event.Run run;
    private final Map<String, List<Event.Item>> itemsByLane;
    private final Map<Long, List<Event.Attempt>> attemptsByItem;
    private final Map<String, List<Event.Wire>> wireByLane;
    private final Map<String, Event.InstanceCounters> countersByLane;
    private final Map<String, Map<UUID, Event.SenderRow>> senderRowsByTable;
    private final Map<String, Map<UUID, Event.ReceiverRow>> receiverRowsByLane;
    private final Map<String, List<Event.Redelivery>> redeliveriesByLane;
    private final Set<Long> senderWrites;
    private final boolean senderWritesRecorded;

    public Observed(History history) {
        this.history = history;
        this.run = history.run();
        itemsByLane = grouped(history.all(Event.Item.class).stream(), Event.Item::lane);
        attemptsByItem = grouped(history.all(Event.Attempt.class).stream()
                .sorted(Comparator.comparingInt(Event.Attempt::attempt).thenComparing(Event.Attempt::sentAt)), Event.Attempt::queueId);
        wireByLane = grouped(history.all(Event.Wire.class).stream(), Event.Wire::lane);
        countersByLane = history.all(Event.InstanceCounters.class).stream()
                .collect(Collectors.toMap(Event.InstanceCounters::lane, c -> c, (a, b) -> b));
        senderRowsByTable = byId(history.all(Event.SenderRow.class), Event.SenderRow::table, Event.SenderRow::id);
        receiverRowsByLane = byId(history.all(Event.ReceiverRow.class), Event.ReceiverRow::lane, Event.ReceiverRow::id);
        redeliveriesByLane = grouped(history.all(Event.Redelivery.class).stream(), Event.Redelivery::lane);
        List<Event.SenderWrites> writes = history.all(Event.SenderWrites.class);
        senderWrites = writes.stream().flatMap(w -> w.seqs().stream()).collect(Collectors.toSet());
        senderWritesRecorded = !writes.isEmpty();
    }

    /** The events grouped by a key, each group in the stream's order. */
    private static <E, K> Map<K, List<E>> grouped(Stream<E> events, Function<E, K> key) {
        return events.collect(Collectors.groupingBy(key, LinkedHashMap::new, Collectors.toList()));
    }

    /** The rows grouped by a key, each group by record id in first-seen order, the last row of an id winning. */
    private static <R, K> Map<K, Map<UUID, R>> byId(List<R> rows, Function<R, K> key, Function<R, UUID> id) {
        return rows.stream().collect(Collectors.groupingBy(key,
                Collectors.toMap(id, r -> r, (a, b) -> b, LinkedHashMap::new)));
    }

    public History history() {
        return history;
    }

    public Event.Run run() {
        return run;
    }

    public List<Event.Lane> lanes() {
        return List.copyOf(run.lanes());
    }

    public List<Event.Commit> commits() {
        return history.all(Event.Commit.class);
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
}
