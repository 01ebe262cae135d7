package org.replkit.chaos.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.replkit.chaos.history.Event;
import org.replkit.chaos.history.History;
import org.replkit.chaos.history.Json;

/**
 * A small, consistent history for the properties' unit tests (timing: a tick every second, 1 s timeout,
 * retries after 1, 2, 4 s): record A inserted (write #1) and updated (#2), both delivered; record B
 * inserted (#3), its first attempt answered 503, delivered by the retry 1.2 s later. The receiver held
 * only the kit's marker record before the run (count 1). Tests break one
 * thing at a time and expect the property that guards it to fail.
 */
public final class Canned {

    public static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    public static final UUID INSTANCE = UUID.fromString("00000000-0000-0000-0000-0000000000aa");
    public static final UUID A = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    public static final UUID B = UUID.fromString("00000000-0000-0000-0000-00000000000b");
    /** The kit's marker record: the receiver held nothing else before the run, so its count then was 1. */
    public static final UUID MARKER = UUID.fromString("c4a05000-0000-4000-8000-000000000001");
    public static final String LANE = "patterns";
    public static final String TABLE = "approved_patterns";

    private Canned() {
    }

    public static Instant at(double seconds) {
        return T0.plusMillis(Math.round(seconds * 1000));
    }

    public static JsonNode row(UUID id, long seq, double updatedAt) {
        ObjectNode r = Json.MAPPER.createObjectNode();
        r.put("id", id.toString());
        r.put("name", "chaos-" + seq);
        r.put("ecosystem", "elixir");
        r.put("frequency", seq);
        r.put("confidence", 0.5);
        r.put("inserted_at", at(0).toString());
        r.put("updated_at", at(updatedAt).toString());
        return r;
    }

    public static List<Event> healthy() {
        List<Event> e = new ArrayList<>();
        e.add(new Event.Run(T0, 1, 10, 20, 0.5, new Event.Timing(1, 1000, List.of(1.0, 2.0, 4.0), 3, 30), "reference receivers", true,
                List.of(new Event.Lane(LANE, TABLE, INSTANCE, "http://127.0.0.1:1/sync/patterns", "http://127.0.0.1:2/sync/patterns")),
                List.of("503"), Map.of()));
        e.add(new Event.Fault(at(2.9), 1, "503", LANE, "start", 2.9, 0.5, null, null));
        e.add(new Event.Fault(at(3.4), 1, "503", LANE, "end", 3.4, 0.5, null, null));
        e.add(new Event.MarkerDelivery(at(0.5), LANE, MARKER, "before", 200, 1L, null));
        e.add(commit(1, A, "INSERT", 1.0));
        e.add(commit(2, A, "UPDATE", 2.0));
        e.add(commit(3, B, "INSERT", 2.5));
        e.add(wire(A, 1, 1.0, 1.1, 200, "ANSWERED", 2));
        e.add(wire(A, 2, 2.1, 2.2, 200, "ANSWERED", 2));
        e.add(new Event.Wire(at(3.0), LANE, 3, B, "INSERT", at(2.5), 3L, "answer_503", null, null, null, null, "PROXY_503", null, at(3.0)));
        e.add(wire(B, 3, 4.2, 4.3, 200, "ANSWERED", 3));
        e.add(new Event.Drain(at(12), true, 2, 0));
        e.add(item(1, A, 1, 1.0, "success", 1, 200, null, 1.1));
        e.add(item(2, A, 2, 2.0, "success", 1, 200, null, 2.2));
        e.add(item(3, B, 3, 2.5, "success", 2, 200, null, 4.3));
        e.add(new Event.Attempt(1, 1, 11, at(1.0), at(1.1), 200, null));
        e.add(new Event.Attempt(2, 1, 12, at(2.1), at(2.2), 200, null));
        e.add(new Event.Attempt(3, 1, 13, at(3.0), at(3.0), 503, "HTTP 503"));
        e.add(new Event.Attempt(3, 2, 14, at(4.2), at(4.3), 200, null));
        for (int tick = 0; tick <= 12; tick++) {
            e.add(new Event.Tick(at(tick), at(tick + 0.05), "succeeded"));
        }
        e.add(new Event.InstanceCounters(LANE, INSTANCE, 3, 1, null, at(4.3)));
        e.add(new Event.SenderRow(TABLE, A, at(2.0), 2L, row(A, 2, 2.0)));
        e.add(new Event.SenderRow(TABLE, B, at(2.5), 3L, row(B, 3, 2.5)));
        e.add(new Event.SenderWrites(List.of(1L, 2L, 3L)));
        e.add(new Event.ReceiverRow(LANE, A, true, at(2.0), 2L, row(A, 2, 2.0)));
        e.add(new Event.ReceiverRow(LANE, B, true, at(2.5), 3L, row(B, 3, 2.5)));
        e.add(new Event.ReceiverCount(LANE, "store", 3));
        e.add(new Event.MarkerDelivery(at(12.9), LANE, MARKER, "again", 200, 3L, null));
        e.add(new Event.Redelivery(at(13), LANE, A, "oldest", at(1.0), 1, 200, 2L, 3L, null));
        e.add(new Event.Redelivery(at(13.1), LANE, A, "newest", at(2.0), 2, 200, 2L, 3L, null));
        e.add(new Event.Redelivery(at(13.2), LANE, B, "oldest", at(2.5), 3, 200, 3L, 3L, null));
        e.add(new Event.ReceiverCount(LANE, "ack", 3));
        return e;
    }

    public static Event.Commit commit(long seq, UUID id, String op, double t) {
        return new Event.Commit(at(t), seq, TABLE, op, id, at(t), row(id, seq, t), null);
    }

    public static Event.Wire wire(UUID id, long seq, double received, double done, Integer status, String outcome, long count) {
        return new Event.Wire(at(received), LANE, seq, id, "INSERT", null, seq, "pass", at(received), status, count, seq, outcome, null, at(done));
    }

    public static Event.Item item(long queueId, UUID id, long seq, double updatedAt, String status, int attempts, Integer lastStatus,
                           String lastError, double completed) {
        return new Event.Item(queueId, LANE, INSTANCE, TABLE, id, "INSERT", at(updatedAt), seq, status, attempts, lastStatus, lastError,
                at(updatedAt), completed < 0 ? null : at(completed));
    }

    public static History history(List<Event> events) {
        return new History(events);
    }

    /** The healthy history with the events matching {@code drop} removed and {@code add} appended. */
    public static History without(Predicate<Event> drop, Event... add) {
        List<Event> e = new ArrayList<>(healthy());
        e.removeIf(drop);
        e.addAll(List.of(add));
        return new History(e);
    }

    /** The healthy history with each event passed through {@code change}. */
    public static History changed(UnaryOperator<Event> change) {
        return new History(healthy().stream().map(change).toList());
    }

    public static PropertyVerdict check(HistoryProperty p, History h) {
        return p.check(new Observed(h));
    }
}
