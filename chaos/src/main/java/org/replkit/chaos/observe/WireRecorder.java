package org.replkit.chaos.observe;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.replkit.chaos.history.Event;
import org.replkit.chaos.history.Json;
import org.replkit.chaos.history.Times;
import org.replkit.chaos.proxy.Exchange;
import org.replkit.chaos.workload.Marker;

/** Turns the proxies' exchanges into history events: which snapshot went by, and what came back. */
public final class WireRecorder implements Consumer<Exchange> {

    private final Map<String, String> tableByLane;
    private final Consumer<Event> history;

    /** @param tableByLane each lane's table (approved_patterns or execution_metrics) */
    public WireRecorder(Map<String, String> tableByLane, Consumer<Event> history) {
        this.tableByLane = Map.copyOf(tableByLane);
        this.history = history;
    }

    @Override
    public void accept(Exchange e) {
        String table = tableByLane.get(e.lane());
        JsonNode body = parse(e.requestBody());
        JsonNode ack = parse(e.receiverBody());
        Instant updatedAt = null;
        if (body != null && body.hasNonNull("updated_at")) {
            try {
                updatedAt = Times.parse(body.get("updated_at").asText());
            } catch (RuntimeException ignored) {
                // not a record the writer made
            }
        }
        history.accept(new Event.Wire(e.received(), e.lane(), e.connection(), uuid(e.recordId()), e.eventType(), updatedAt,
                Marker.fromRecord(table, body), e.fault().toString(), e.forwarded(), e.receiverStatus(),
                Marker.countFromAck(table, ack), Marker.fromAck(table, ack), e.outcome().name(), e.detail(), e.done()));
    }

    private static JsonNode parse(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return null;
        }
        try {
            return Json.MAPPER.readTree(new String(bytes, StandardCharsets.UTF_8));
        } catch (Exception e) {
            return null;
        }
    }

    private static UUID uuid(String s) {
        try {
            return s == null ? null : UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
