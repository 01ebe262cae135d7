package org.replkit.chaos.observe;

import org.replkit.spec.SyncHeaders;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.replkit.chaos.history.Event;
import org.replkit.chaos.history.Json;
import org.replkit.chaos.workload.Marker;
import org.replkit.spec.WebhookSignature;
import org.replkit.receivers.record.RecordKind;
import org.replkit.receivers.record.Snapshot;
import org.replkit.receivers.store.RecordStore;

/**
 * Looks at the receiver after the drain, and writes what it saw into the history: its store read
 * directly where the kit knows it, then, for any receiver, a re-delivery pass straight to its
 * endpoint (no proxy): each record's oldest snapshot (a correct receiver keeps the newer row it holds
 * and acknowledges it), then its newest. The acknowledgements echo the write number of the stored row.
 */
public final class ReceiverObserver {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Consumer<Event> history;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** Signs the kit's own deliveries (the markers, the re-delivery pass) when the run is signed; null otherwise. */
    private final WebhookSignature signer;

    /** @param signingSecret the run's Standard Webhooks secret, which the receivers require; null for an unsigned run */
    public ReceiverObserver(Consumer<Event> history, String signingSecret) {
        this.history = history;
        this.signer = signingSecret == null ? null : WebhookSignature.fromSecret(signingSecret);
    }

    /** Reads each record of the lane's table straight from the store, and the store's count. */
    public void readStore(String lane, String table, RecordStore store, List<UUID> ids) {
        RecordKind kind = kind(table);
        for (UUID id : ids) {
            Optional<Snapshot> held = store.find(kind, id);
            if (held.isEmpty()) {
                history.accept(new Event.ReceiverRow(lane, id, false, null, null, null));
                continue;
            }
            // The receivers keep their rows in their own JSON library's tree: read it back as text.
            JsonNode row;
            try {
                row = Json.MAPPER.readTree(held.get().fields().toString());
            } catch (IOException e) {
                throw new IllegalStateException("the receiver's stored row cannot be read back: " + e.getMessage(), e);
            }
            history.accept(new Event.ReceiverRow(lane, id, true, held.get().updatedAt(), Marker.fromRecord(table, row), row));
        }
        history.accept(new Event.ReceiverCount(lane, "store", store.count(kind)));
    }

    /**
     * Re-delivers every record of the lane: oldest snapshot, then the newest where it differs.
     *
     * @param commits the committed writes of the lane's table, in write order
     * @param newest  each record's newest row as the sender holds it
     */
    public void redeliver(String lane, String table, URI endpoint, List<Event.Commit> commits, Map<UUID, Event.SenderRow> newest)
            throws InterruptedException {
        Map<UUID, List<Event.Commit>> byId = commits.stream().collect(Collectors.groupingBy(Event.Commit::id));
        List<UUID> order = new ArrayList<>(newest.keySet());
        // A record with several snapshots first: the first answer of the pass has no count to compare
        // with, and such a record shows a missing row as a problem either way.
        order.sort(Comparator.comparingInt((UUID id) -> byId.getOrDefault(id, List.of()).size() > 1 ? 0 : 1));
        Long lastCount = null;
        for (UUID id : order) {
            List<Event.Commit> snapshots = byId.get(id);
            Event.SenderRow row = newest.get(id);
            if (snapshots == null || snapshots.isEmpty() || row.seq() == null) {
                continue; // a record the writer did not make
            }
            Event.Commit oldest = snapshots.get(0);
            Event.Redelivery first = post(lane, table, endpoint, id, "oldest", oldest.op(), oldest.updatedAt(), oldest.seq(), oldest.row());
            lastCount = first.ackCount() != null ? first.ackCount() : lastCount;
            if (row.seq() != oldest.seq()) {
                Event.Redelivery second = post(lane, table, endpoint, id, "newest", "UPDATE", row.updatedAt(), row.seq(), row.row());
                lastCount = second.ackCount() != null ? second.ackCount() : lastCount;
            }
        }
        if (lastCount != null) {
            history.accept(new Event.ReceiverCount(lane, "ack", lastCount));
        }
    }

    /**
     * Delivers the kit's marker record of the lane's table straight to the receiver, and records the
     * count its acknowledgement gives. phase "before" (before the writes: the receiver's count at the
     * start) or "again" (before the re-delivery pass).
     */
    public Event.MarkerDelivery deliverMarker(String lane, String table, URI endpoint, String phase) throws InterruptedException {
        UUID id = Marker.markerId(table);
        Answer a = send(endpoint, table, "INSERT", id, Marker.markerRecord(table));
        Event.MarkerDelivery m = new Event.MarkerDelivery(Instant.now(), lane, id, phase, a.status(),
                Marker.countFromAck(table, a.ack()), a.error());
        history.accept(m);
        return m;
    }

    private Event.Redelivery post(String lane, String table, URI endpoint, UUID id, String which, String op, Instant updatedAt,
                                  long seq, JsonNode row) throws InterruptedException {
        Answer a = send(endpoint, table, op, id, row);
        Event.Redelivery r = new Event.Redelivery(Instant.now(), lane, id, which, updatedAt, seq, a.status(),
                Marker.fromAck(table, a.ack()), Marker.countFromAck(table, a.ack()), a.error());
        history.accept(r);
        return r;
    }

    /** What came back: a status and the body read as JSON (null when it is not), or the error that came instead. */
    private record Answer(Integer status, JsonNode ack, String error) {}

    private Answer send(URI endpoint, String table, String op, UUID id, JsonNode row) throws InterruptedException {
        byte[] body = row.toString().getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder builder = HttpRequest.newBuilder(endpoint).timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .header(SyncHeaders.EVENT_TYPE, op)
                .header(SyncHeaders.TABLE, table)
                .header(SyncHeaders.RECORD_ID, id.toString());
        if (signer != null) {
            String webhookId = "kit-chaos-" + UUID.randomUUID();
            long now = Instant.now().getEpochSecond();
            builder.header(WebhookSignature.ID, webhookId)
                    .header(WebhookSignature.TIMESTAMP, Long.toString(now))
                    .header(WebhookSignature.SIGNATURE, signer.sign(webhookId, now, body));
        }
        HttpRequest request = builder.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        try {
            HttpResponse<String> answer = client.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode ack = null;
            try {
                ack = Json.MAPPER.readTree(answer.body());
            } catch (IOException e) {
                // not JSON: no echo to read
            }
            return new Answer(answer.statusCode(), ack, null);
        } catch (IOException e) {
            return new Answer(null, null, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    static RecordKind kind(String table) {
        return RecordKind.PATTERNS.table().equals(table) ? RecordKind.PATTERNS : RecordKind.METRICS;
    }
}
