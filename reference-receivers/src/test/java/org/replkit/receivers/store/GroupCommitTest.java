package org.replkit.receivers.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.replkit.receivers.record.RecordJson;
import org.replkit.receivers.record.RecordKind;
import org.replkit.receivers.record.RecordValidator;
import org.replkit.receivers.record.Snapshot;
import org.replkit.receivers.store.RecordStore.UpsertOutcome;
import org.replkit.receivers.testsupport.Records;
import org.replkit.receivers.testsupport.TestPostgres;

/** The PostgreSQL store's group commit: batches, one row twice in a batch, answers after the commit, durability. */
class GroupCommitTest {

    private final List<String> schemas = new ArrayList<>();

    private String newSchema() {
        String url = TestPostgres.freshSchemaUrl();
        schemas.add(url);
        return url;
    }

    @AfterEach
    void dropSchemas() {
        schemas.forEach(TestPostgres::dropSchema);
    }

    private static String schemaOf(String url) {
        return url.replaceAll(".*currentSchema=([a-z0-9_]+).*", "$1");
    }

    /** SYNC-IDEM-05: a commit returns only once flushed, even where the database's default says otherwise. */
    @Test
    @Tag("SYNC-IDEM-05")
    void synchronousCommitStaysOnEvenWhenTheUrlTurnsItOff() throws SQLException {
        String url = newSchema() + "&options=-c%20synchronous_commit%3Doff";
        try (Connection plain = DriverManager.getConnection(url);
             ResultSet rs = plain.createStatement().executeQuery("SHOW synchronous_commit")) {
            rs.next();
            assertEquals("off", rs.getString(1), "the URL's option reaches a plain session");
        }
        try (PostgresStore store = PostgresStore.open(url)) {
            assertEquals("on", store.sessionSetting("synchronous_commit"));
        }
    }

    @Test
    @Tag("SYNC-IDEM-04")
    void deliveriesOfOneIdInOneBatchAreUpsertedInArrivalOrder() throws SQLException {
        String url = newSchema();
        try (PostgresStore ignored = PostgresStore.open(url)) {
            // creates the tables
        }
        ObjectNode first = Records.pattern();
        ObjectNode newer = Records.newerSnapshot(RecordKind.PATTERNS, first, 10);
        ObjectNode older = Records.newerSnapshot(RecordKind.PATTERNS, first, -10);
        Delivery a = delivery(first);
        Delivery other = delivery(Records.pattern());
        Delivery b = delivery(newer);
        Delivery c = delivery(older);
        Delivery d = delivery(newer);
        try (Connection conn = DriverManager.getConnection(url)) {
            conn.setAutoCommit(false);
            new KindUpserts(RecordKind.PATTERNS, new StoreSchema(schemaOf(url))).upsert(conn, List.of(a, other, b, c, d));
            conn.commit();
        }
        assertTrue(a.outcome.applied());
        assertTrue(other.outcome.applied());
        assertTrue(b.outcome.applied(), "the newer snapshot after the first replaces it");
        assertFalse(c.outcome.applied(), "the older snapshot changes nothing");
        assertEquals(b.snapshot, c.outcome.stored(), "and is answered with the newer stored row");
        assertTrue(d.outcome.applied(), "a tie replaces");
        for (Delivery each : List.of(a, other, b, c, d)) {
            assertEquals(2, each.outcome.count(), "two records, however often one was delivered");
        }
        try (PostgresStore store = PostgresStore.open(url)) {
            assertEquals(b.snapshot, store.find(RecordKind.PATTERNS, a.snapshot.id()).orElseThrow());
        }
    }

    /** The multi-row statement's column arrays carry every type, and null in every column that may be null, back unchanged. */
    @Test
    void aBatchStoresEveryColumnAsSentNullsIncluded() throws SQLException {
        String url = newSchema();
        try (PostgresStore ignored = PostgresStore.open(url)) {
            // creates the tables
        }
        for (RecordKind kind : RecordKind.values()) {
            ObjectNode bare = Records.of(kind);
            for (String name : Records.of(kind).properties().stream().map(java.util.Map.Entry::getKey).toList()) {
                ObjectNode withNull = bare.deepCopy().putNull(name);
                if (new RecordValidator().validate(kind, RecordJson.read(withNull.toString().getBytes(StandardCharsets.UTF_8))).valid()) {
                    bare = withNull;
                }
            }
            assertTrue(bare.toString().contains("null"), "some column may be null: " + bare);
            KindUpserts upserts = new KindUpserts(kind, new StoreSchema(schemaOf(url)));
            List<Delivery> batch = List.of(upserts.delivery(StoreContractTest.snapshot(kind, Records.of(kind))),
                    upserts.delivery(StoreContractTest.snapshot(kind, bare)), upserts.delivery(StoreContractTest.snapshot(kind, Records.of(kind))));
            try (Connection conn = DriverManager.getConnection(url)) {
                conn.setAutoCommit(false);
                upserts.upsert(conn, batch);
                conn.commit();
            }
            try (PostgresStore store = PostgresStore.open(url)) {
                for (Delivery d : batch) {
                    assertTrue(d.outcome.applied());
                    assertEquals(3, d.outcome.count());
                    assertEquals(d.snapshot.fields(), store.find(kind, d.snapshot.id()).orElseThrow().fields());
                }
            }
        }
    }

    /** The request waits for the commit: while the batch is not committed, neither is it answered nor visible. */
    @Test
    @Tag("SYNC-IDEM-05")
    void aDeliveryIsAnsweredOnlyAfterItsBatchCommitted() throws Exception {
        String url = newSchema();
        CountDownLatch atCommit = new CountDownLatch(1);
        CountDownLatch mayCommit = new CountDownLatch(1);
        CommitHook held = acknowledgeNow -> {
            atCommit.countDown();
            await(mayCommit);
        };
        Snapshot sent = StoreContractTest.snapshot(RecordKind.PATTERNS, Records.pattern());
        try (PostgresStore store = PostgresStore.open(url, held)) {
            CompletableFuture<UpsertOutcome> answer = CompletableFuture.supplyAsync(() -> store.upsert(sent));
            assertTrue(atCommit.await(30, TimeUnit.SECONDS));
            assertFalse(answer.isDone(), "not answered before the commit");
            assertFalse(visibleElsewhere(url, sent.id()), "not committed yet");
            mayCommit.countDown();
            assertTrue(answer.get(30, TimeUnit.SECONDS).applied());
            assertTrue(visibleElsewhere(url, sent.id()));
        }
    }

    /** SYNC-IDEM-05: the reference store's own path (one statement in autocommit) answers a delivery only once it is committed. */
    @Test
    @Tag("SYNC-IDEM-05")
    void everyAnsweredDeliveryIsAlreadyVisibleToAnotherSession() throws Exception {
        String url = newSchema();
        ExecutorService senders = Executors.newFixedThreadPool(16);
        try (PostgresStore store = PostgresStore.open(url)) {
            List<Future<Boolean>> visible = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                Snapshot s = StoreContractTest.snapshot(RecordKind.PATTERNS, Records.pattern());
                visible.add(senders.submit(() -> store.upsert(s).applied() && visibleElsewhere(url, s.id())));
            }
            for (Future<Boolean> f : visible) {
                assertTrue(f.get(60, TimeUnit.SECONDS), "answered before its row was committed");
            }
            assertEquals(64, store.count(RecordKind.PATTERNS));
        } finally {
            senders.shutdownNow();
        }
    }

    @Test
    @Tag("SYNC-COUNT-01")
    void concurrentDeliveriesShareTransactionsAndEachGetsAnExactCount() throws Exception {
        AtomicInteger commits = new AtomicInteger();
        int deliveries = 400;
        ExecutorService senders = Executors.newFixedThreadPool(32);
        try (PostgresStore store = PostgresStore.open(newSchema(), acknowledgeNow -> commits.incrementAndGet())) {
            List<Future<UpsertOutcome>> answers = new ArrayList<>();
            for (int i = 0; i < deliveries; i++) {
                Snapshot s = StoreContractTest.snapshot(RecordKind.METRICS, Records.metrics());
                answers.add(senders.submit(() -> store.upsert(s)));
            }
            List<Long> counts = new ArrayList<>();
            for (Future<UpsertOutcome> f : answers) {
                counts.add(f.get(60, TimeUnit.SECONDS).count());
            }
            assertEquals(deliveries, store.count(RecordKind.METRICS));
            assertTrue(counts.stream().allMatch(n -> n >= 1 && n <= deliveries), counts.toString());
            assertTrue(commits.get() < deliveries, "some deliveries shared a transaction: " + commits.get() + " commits");
        } finally {
            senders.shutdownNow();
        }
    }

    /** A value the database refuses fails the whole multi-row statement: only its delivery is refused (400), the others are stored. */
    @Test
    @Tag("SYNC-ERR-07")
    void aValueTheDatabaseRefusesFailsOnlyItsOwnDeliveryOfTheBatch() throws SQLException {
        String url = newSchema();
        String schema = schemaOf(url);
        try (PostgresStore store = PostgresStore.open(url)) {
            try (Connection c = DriverManager.getConnection(url); java.sql.Statement sql = c.createStatement()) {
                sql.execute("CREATE FUNCTION " + schema + ".refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                        + " IF NEW.name = 'refused by the database' THEN RAISE EXCEPTION 'refused' USING ERRCODE = '22023'; END IF;"
                        + " RETURN NEW; END $$");
                sql.execute("CREATE TRIGGER refuse BEFORE INSERT ON " + schema + ".approved_patterns FOR EACH ROW EXECUTE FUNCTION "
                        + schema + ".refuse()");
            }
            ObjectNode refused = Records.pattern();
            refused.put("name", "refused by the database");
            Delivery bad = delivery(refused);
            Delivery good1 = delivery(Records.pattern());
            Delivery good2 = delivery(Records.pattern());
            store.writeBatch(List.of(good1, bad, good2));

            assertTrue(bad.answer.isCompletedExceptionally());
            Throwable cause = org.junit.jupiter.api.Assertions.assertThrows(java.util.concurrent.CompletionException.class, bad.answer::join).getCause();
            assertTrue(cause instanceof ValueRejectedException, cause.toString());
            for (Delivery good : List.of(good1, good2)) {
                assertTrue(good.answer.join().applied());
                assertTrue(store.find(RecordKind.PATTERNS, good.snapshot.id()).isPresent());
            }
            assertEquals(2, store.count(RecordKind.PATTERNS));
        }
    }

    private static boolean visibleElsewhere(String url, UUID id) throws SQLException {
        try (Connection c = DriverManager.getConnection(url);
             PreparedStatement ps = c.prepareStatement("SELECT 1 FROM " + schemaOf(url) + ".approved_patterns WHERE id = ?")) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Makes the patterns' deliveries: their column values depend on the kind only, not on the schema. */
    private static final KindUpserts PATTERN_DELIVERIES = new KindUpserts(RecordKind.PATTERNS, new StoreSchema(PostgresStore.DEFAULT_SCHEMA));

    private static Delivery delivery(ObjectNode record) {
        return PATTERN_DELIVERIES.delivery(StoreContractTest.snapshot(RecordKind.PATTERNS, record));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
