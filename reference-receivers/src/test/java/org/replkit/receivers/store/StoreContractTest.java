package org.replkit.receivers.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.replkit.receivers.record.RecordJson;
import org.replkit.receivers.record.RecordKind;
import org.replkit.receivers.record.RecordValidator;
import org.replkit.receivers.record.Snapshot;
import org.replkit.receivers.testsupport.Records;

/** What every {@link RecordStore} promises, run against each implementation. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class StoreContractTest {

    private static final RecordValidator VALIDATOR = new RecordValidator();

    RecordStore store;

    abstract RecordStore openStore();

    /** A store of the same kind with no records, closed by the caller. */
    abstract RecordStore openEmptyStore();

    @BeforeAll
    void open() {
        store = openStore();
    }

    @AfterAll
    void close() {
        store.close();
    }

    static Snapshot snapshot(RecordKind kind, ObjectNode record) {
        RecordValidator.Result r = VALIDATOR.validate(kind, RecordJson.read(record.toString().getBytes(StandardCharsets.UTF_8)));
        assertTrue(r.valid(), () -> r.problems().toString());
        return r.snapshot();
    }

    @Test
    void upsertStoresAndCounts() {
        for (RecordKind kind : RecordKind.values()) {
            long before = store.count(kind);
            Snapshot s = snapshot(kind, Records.of(kind));
            RecordStore.UpsertOutcome out = store.upsert(s);
            assertTrue(out.applied());
            assertEquals(before + 1, out.count());
            assertEquals(s.fields(), out.stored().fields(), "stored row differs from the snapshot sent");
            assertEquals(s.fields(), store.find(kind, s.id()).orElseThrow().fields());
        }
    }

    @Test
    void newestUpdatedAtWinsAndATieReplaces() {
        RecordKind kind = RecordKind.PATTERNS;
        ObjectNode v1 = Records.pattern();
        Snapshot old = snapshot(kind, v1);
        Snapshot newer = snapshot(kind, Records.newerSnapshot(kind, v1, 30));
        store.upsert(newer);
        RecordStore.UpsertOutcome stale = store.upsert(old);
        assertFalse(stale.applied());
        assertEquals(newer.fields(), stale.stored().fields());

        ObjectNode sameTime = Records.newerSnapshot(kind, v1, 30);
        sameTime.put("description", "corrected in place");
        RecordStore.UpsertOutcome tie = store.upsert(snapshot(kind, sameTime));
        assertTrue(tie.applied());
        assertEquals("corrected in place", store.find(kind, old.id()).orElseThrow().fields().get("description").stringValue());
    }

    @Test
    @Tag("SYNC-IDEM-04")
    void concurrentUpsertsOfOneRecordStoreOneRow() throws Exception {
        RecordKind kind = RecordKind.METRICS;
        ObjectNode v0 = Records.metrics();
        List<Snapshot> versions = List.of(snapshot(kind, v0), snapshot(kind, Records.newerSnapshot(kind, v0, 1)),
                snapshot(kind, Records.newerSnapshot(kind, v0, 2)));
        long before = store.count(kind);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Callable<RecordStore.UpsertOutcome>> calls = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                Snapshot s = versions.get(i % 3);
                calls.add(() -> store.upsert(s));
            }
            for (Future<RecordStore.UpsertOutcome> f : pool.invokeAll(calls)) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(before + 1, store.count(kind));
        assertEquals(versions.get(2).fields(), store.find(kind, versions.get(0).id()).orElseThrow().fields());
    }

    /**
     * Any sequence of deliveries (each element picks a record and one of its three versions,
     * so duplicates, reorderings and retries all occur) leaves the newest version of each record
     * and exactly one row per distinct id.
     */
    @Test
    @Tag("SYNC-IDEM-06")
    @Tag("SYNC-COUNT-01")
    void anySequenceOfDeliveriesLeavesTheNewestSnapshotOfEachRecord() {
        qt().withExamples(40).withShrinkCycles(200)
                .forAll(lists().of(integers().between(0, 11)).ofSizeBetween(1, 30))
                .checkAssert(picks -> {
                    RecordKind kind = RecordKind.PATTERNS;
                    List<List<Snapshot>> records = new ArrayList<>();
                    for (int r = 0; r < 4; r++) {
                        ObjectNode v0 = Records.pattern();
                        records.add(List.of(snapshot(kind, v0), snapshot(kind, Records.newerSnapshot(kind, v0, 1)),
                                snapshot(kind, Records.newerSnapshot(kind, v0, 2))));
                    }
                    long before = store.count(kind);
                    Map<UUID, Snapshot> newestSent = new HashMap<>();
                    for (int pick : picks) {
                        Snapshot s = records.get(pick / 3).get(pick % 3);
                        store.upsert(s);
                        newestSent.merge(s.id(), s, (a, b) -> b.updatedAt().isAfter(a.updatedAt()) ? b : a);
                    }
                    assertEquals(before + newestSent.size(), store.count(kind), "rows for " + picks);
                    newestSent.forEach((id, s) -> assertEquals(s.fields(), store.find(kind, id).orElseThrow().fields(),
                            "record " + id + " after " + picks));
                });
    }

    /**
     * The first record of an empty store, delivered by many clients at once: every answer counts
     * it, so none says 0; distinct records delivered at once leave the exact count.
     */
    @Test
    @Tag("SYNC-COUNT-01")
    void concurrentDeliveriesAllSeeAnExactCount() throws Exception {
        RecordKind kind = RecordKind.PATTERNS;
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try (RecordStore empty = openEmptyStore()) {
            for (int round = 1; round <= 5; round++) {
                Snapshot s = snapshot(kind, Records.pattern());
                List<Callable<RecordStore.UpsertOutcome>> same = Collections.nCopies(10, () -> empty.upsert(s));
                for (Future<RecordStore.UpsertOutcome> f : pool.invokeAll(same)) {
                    assertEquals(round, f.get().count(), "a concurrent duplicate of record " + round + " was not counted");
                }
            }
            List<Callable<RecordStore.UpsertOutcome>> distinct = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                Snapshot s = snapshot(kind, Records.pattern());
                distinct.add(() -> empty.upsert(s));
            }
            List<Long> counts = new ArrayList<>();
            for (Future<RecordStore.UpsertOutcome> f : pool.invokeAll(distinct)) {
                counts.add(f.get().count());
            }
            assertEquals(45, empty.count(kind));
            // Each answer counts its own record and those committed before it; deliveries at the same moment
            // may leave out each other (a PostgreSQL snapshot), but none counts a record that is not there.
            assertTrue(counts.stream().allMatch(c -> c >= 6 && c <= 45), "counts outside 6..45: " + counts);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void kindsAreCountedApart() {
        long patterns = store.count(RecordKind.PATTERNS);
        store.upsert(snapshot(RecordKind.METRICS, Records.metrics()));
        assertEquals(patterns, store.count(RecordKind.PATTERNS));
        assertTrue(store.find(RecordKind.PATTERNS, UUID.randomUUID()).isEmpty());
    }
}
