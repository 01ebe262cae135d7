package org.replkit.load;

import org.replkit.spec.SyncTable;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.replkit.receivers.record.RecordKind;

/**
 * Valid records as a sender would post them, each with a fresh UUIDv7 id. As a Gatling feeder it
 * yields the session attributes {@code id}, {@code body} and {@code eventType}. Thread-safe. Also the
 * feeders the sender-fed simulations use to pick a table.
 */
public final class RecordFeeder {

    public static final String ID = "id";
    public static final String BODY = "body";
    public static final String EVENT_TYPE = "eventType";
    /** Unix seconds when the delivery was fed: its webhook-timestamp when the run signs. */
    public static final String SIGNED_AT = "signedAt";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RecordKind kind;
    private final int instances;
    private final AtomicLong sequence = new AtomicLong();

    public RecordFeeder(RecordKind kind, int instances) {
        this.kind = kind;
        this.instances = Math.max(1, instances);
    }

    /** An endless feeder of new records (event type INSERT). */
    public Iterator<Map<String, Object>> fresh() {
        return endless(() -> delivery(next(), "INSERT"));
    }

    /** An endless Gatling feeder naming the two tables in turn, as attribute {@code table}. */
    public static Iterator<Map<String, Object>> alternatingTables() {
        AtomicLong n = new AtomicLong();
        return endless(() -> Map.of("table",
                (n.getAndIncrement() % 2 == 0 ? SyncTable.PATTERNS : SyncTable.METRICS).tableName()));
    }

    /** An endless Gatling feeder: each record it yields is the supplier's next; as thread-safe as the supplier. */
    public static Iterator<Map<String, Object>> endless(Supplier<Map<String, Object>> next) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Map<String, Object> next() {
                return next.get();
            }
        };
    }

    /** The next record as JSON. */
    public ObjectNode next() {
        long n = sequence.incrementAndGet();
        return kind == RecordKind.PATTERNS ? pattern(n) : metrics(n);
    }

    public static Map<String, Object> delivery(ObjectNode record, String eventType) {
        return Map.of(ID, record.get("id").asText(), BODY, record.toString(), EVENT_TYPE, eventType,
                SIGNED_AT, java.time.Instant.now().getEpochSecond());
    }

    /** The spec's sample pattern (spec/examples) with its own id, name, figures and times. */
    private ObjectNode pattern(long n) {
        String now = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
        ObjectNode r = sample(SyncTable.PATTERNS);
        r.put("id", uuidV7().toString());
        r.put("name", "load_pattern_" + n);
        r.put("ecosystem", n % 2 == 0 ? "elixir" : "rust");
        r.put("frequency", n % 1000);
        r.put("description", "Pattern " + n + " pushed by the load test");
        r.put("approved_at", now);
        r.put("last_synced_at", now);
        r.put("instances_count", instances);
        r.put("inserted_at", now);
        r.put("updated_at", now);
        return r;
    }

    /** The spec's sample metrics record (spec/examples) with its own id, instance, figures and times. */
    private ObjectNode metrics(long n) {
        Instant end = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        ObjectNode r = sample(SyncTable.METRICS);
        r.put("id", uuidV7().toString());
        r.put("instance_id", "sender-" + (n % instances + 1));
        r.put("period_start", end.minus(5, ChronoUnit.MINUTES).toString());
        r.put("period_end", end.toString());
        r.put("jobs_completed", 150 + n % 10);
        r.put("jobs_failed", n % 4);
        r.put("inserted_at", end.toString());
        r.put("updated_at", end.toString());
        return r;
    }

    private static ObjectNode sample(SyncTable table) {
        try {
            return (ObjectNode) JSON.readTree(table.sampleJson());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** RFC 9562 version 7: 48 bits of Unix milliseconds, then random bits, as the sender's ids are. */
    static UUID uuidV7() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long millis = System.currentTimeMillis();
        long msb = (millis << 16) | 0x7000L | random.nextInt(1 << 12);
        long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }
}
