package org.replkit.receivers.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.replkit.receivers.record.RecordKind;
import org.replkit.receivers.record.Snapshot;
import org.replkit.receivers.store.InMemoryStore;
import org.replkit.receivers.store.RecordStore;
import org.replkit.receivers.store.StoreUnavailableException;
import org.replkit.receivers.testsupport.Records;
import org.replkit.spec.SyncHeaders;

/**
 * SYNC-SHED-01 in the reference receivers: beyond the admission limit a delivery is answered 503
 * with Retry-After and the error body at once, nothing of it stored; every 503 says when to come back.
 */
class AdmissionLimitTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    @Tag("SYNC-SHED-01")
    void deliveriesBeyondTheLimitAreShedWith503AndRetryAfterAndOnlyAcknowledgedOnesAreStored() {
        InMemoryStore store = new InMemoryStore();
        // One delivery at a time, 300 ms each, 50 ms in line at most: a burst of 6 cannot all get a turn.
        Javalin app = ReceiverApp.create(new SlowStore(store, 300), null, null, new AdmissionLimit(1, Duration.ofMillis(50)))
                .start("127.0.0.1", 0);
        try {
            List<CompletableFuture<HttpResponse<String>>> burst = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                burst.add(CLIENT.sendAsync(delivery(app.port(), Records.pattern()), HttpResponse.BodyHandlers.ofString()));
            }
            List<HttpResponse<String>> answers = burst.stream().map(CompletableFuture::join).toList();
            long ok = answers.stream().filter(r -> r.statusCode() == 200).count();
            List<HttpResponse<String>> shed = answers.stream().filter(r -> r.statusCode() == 503).toList();
            assertEquals(6, ok + shed.size(), "each answer is 200 or shed: " + answers);
            assertTrue(ok >= 1 && !shed.isEmpty(), ok + " acknowledged, " + shed.size() + " shed");
            for (HttpResponse<String> r : shed) {
                assertEquals(Optional.of("5"), r.headers().firstValue("Retry-After"));
                assertEquals("overloaded", JSON.readTree(r.body()).path("error").asText());
            }
            assertEquals(ok, store.count(RecordKind.PATTERNS), "a shed delivery is not stored, an acknowledged one is");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            app.stop();
        }
    }

    @Test
    @Tag("SYNC-SHED-01")
    void aStoreThatCannotTakeTheWriteIsAnswered503WithRetryAfter() throws Exception {
        RecordStore down = new SlowStore(new InMemoryStore(), 0) {
            @Override
            public UpsertOutcome upsert(Snapshot snapshot) {
                throw new StoreUnavailableException("connection refused", null);
            }
        };
        Javalin app = ReceiverApp.create(down, null, null).start("127.0.0.1", 0);
        try {
            HttpResponse<String> r = CLIENT.send(delivery(app.port(), Records.pattern()), HttpResponse.BodyHandlers.ofString());
            assertEquals(503, r.statusCode());
            assertEquals(Optional.of("5"), r.headers().firstValue("Retry-After"));
        } finally {
            app.stop();
        }
    }

    @Test
    void aLimitBelowOneIsRefusedInOneLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new AdmissionLimit(0, Duration.ZERO));
        assertTrue(e.getMessage().contains("at least 1"), e.getMessage());
    }

    private static HttpRequest delivery(int port, ObjectNode record) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + RecordKind.PATTERNS.path()))
                .header("Content-Type", "application/json")
                .header(SyncHeaders.EVENT_TYPE, "INSERT")
                .header(SyncHeaders.TABLE, RecordKind.PATTERNS.table())
                .header(SyncHeaders.RECORD_ID, record.get("id").asText())
                .POST(HttpRequest.BodyPublishers.ofString(record.toString())).build();
    }

    /** A store whose every write takes this long: a receiver at its capacity. */
    private static class SlowStore implements RecordStore {
        private final RecordStore inner;
        private final long millis;

        SlowStore(RecordStore inner, long millis) {
            this.inner = inner;
            this.millis = millis;
        }

        @Override
        public UpsertOutcome upsert(Snapshot snapshot) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return inner.upsert(snapshot);
        }

        @Override
        public long count(RecordKind kind) {
            return inner.count(kind);
        }

        @Override
        public Optional<Snapshot> find(RecordKind kind, UUID id) {
            return inner.find(kind, id);
        }

        @Override
        public String describe() {
            return "slow " + inner.describe();
        }

        @Override
        public void close() {
            inner.close();
        }
    }
}
