package org.replkit.receivers.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.replkit.receivers.record.RecordKind;
import org.replkit.receivers.record.Snapshot;
import org.replkit.receivers.testsupport.Records;
import org.replkit.receivers.testsupport.TestPostgres;

class PostgresStoreTest extends StoreContractTest {

    private final String url = TestPostgres.freshSchemaUrl();
    private final List<String> extraSchemas = new ArrayList<>();

    @Override
    RecordStore openStore() {
        return PostgresStore.open(url);
    }

    @Override
    RecordStore openEmptyStore() {
        return PostgresStore.open(newSchema());
    }

    private String newSchema() {
        String fresh = TestPostgres.freshSchemaUrl();
        extraSchemas.add(fresh);
        return fresh;
    }

    @AfterAll
    void dropSchema() {
        TestPostgres.dropSchema(url);
        extraSchemas.forEach(TestPostgres::dropSchema);
    }

    @Test
    void reopeningKeepsTheRowsAndTheTables() {
        store.upsert(snapshot(RecordKind.PATTERNS, Records.pattern()));
        long count = store.count(RecordKind.PATTERNS);
        try (PostgresStore again = PostgresStore.open(url)) {
            assertEquals(count, again.count(RecordKind.PATTERNS));
        }
    }

    @Test
    void aUrlThatIsNotPostgresIsRefusedClearly() {
        assertThrows(IllegalArgumentException.class, () -> PostgresStore.open("jdbc:mysql://localhost/x"));
    }

    /** Two receiver processes on one database: each sees the other's records in its count. */
    @Test
    @Tag("SYNC-COUNT-01")
    void twoStoresSharingOneDatabaseAgreeOnTheCount() throws Exception {
        String shared = newSchema();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (PostgresStore a = PostgresStore.open(shared); PostgresStore b = PostgresStore.open(shared)) {
            List<Callable<RecordStore.UpsertOutcome>> calls = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                Snapshot distinct = snapshot(RecordKind.METRICS, Records.metrics());
                Snapshot duplicated = snapshot(RecordKind.METRICS, Records.metrics());
                PostgresStore first = i % 2 == 0 ? a : b;
                PostgresStore second = first == a ? b : a;
                calls.add(() -> first.upsert(distinct));
                calls.add(() -> first.upsert(duplicated));
                calls.add(() -> second.upsert(duplicated));
            }
            for (Future<RecordStore.UpsertOutcome> f : pool.invokeAll(calls)) {
                f.get();
            }
            assertEquals(120, a.count(RecordKind.METRICS));
            assertEquals(120, b.count(RecordKind.METRICS));
            assertEquals(121, b.upsert(snapshot(RecordKind.METRICS, Records.metrics())).count());
            assertEquals(121, a.count(RecordKind.METRICS));
        } finally {
            pool.shutdownNow();
        }
    }

    /** Rows added or removed in plain SQL, by hand or by a bulk load, are counted too. */
    @Test
    @Tag("SYNC-COUNT-01")
    void rowsChangedInSqlAreCounted() throws SQLException {
        String schemaUrl = newSchema();
        String schema = schemaUrl.replaceAll(".*currentSchema=([a-z0-9_]+).*", "$1");
        try (PostgresStore s = PostgresStore.open(schemaUrl); Connection c = DriverManager.getConnection(TestPostgres.baseUrl());
             Statement sql = c.createStatement()) {
            s.upsert(snapshot(RecordKind.PATTERNS, Records.pattern()));
            sql.execute("INSERT INTO " + schema + ".approved_patterns (id, name, updated_at)"
                    + " SELECT gen_random_uuid(), 'bulk', now() FROM generate_series(1, 1000)");
            assertEquals(1001, s.count(RecordKind.PATTERNS));
            sql.execute("DELETE FROM " + schema + ".approved_patterns WHERE name = 'bulk' AND ctid IN "
                    + "(SELECT ctid FROM " + schema + ".approved_patterns WHERE name = 'bulk' LIMIT 250)");
            assertEquals(751, s.count(RecordKind.PATTERNS));
            assertEquals(752, s.upsert(snapshot(RecordKind.PATTERNS, Records.pattern())).count());
            sql.execute("TRUNCATE " + schema + ".approved_patterns");
            assertEquals(0, s.count(RecordKind.PATTERNS));
            assertEquals(0, s.count(RecordKind.METRICS));
        }
    }

    /** Tables made before the count was kept (or whose triggers were dropped) start counting from the rows they hold. */
    @Test
    @Tag("SYNC-COUNT-01")
    void aStoreWithoutItsCountStartsFromTheRowsThere() throws SQLException {
        String schemaUrl = newSchema();
        String schema = schemaUrl.replaceAll(".*currentSchema=([a-z0-9_]+).*", "$1");
        try (PostgresStore s = PostgresStore.open(schemaUrl)) {
            s.upsert(snapshot(RecordKind.PATTERNS, Records.pattern()));
        }
        try (Connection c = DriverManager.getConnection(TestPostgres.baseUrl()); Statement sql = c.createStatement()) {
            sql.execute("DROP TRIGGER count_inserts ON " + schema + ".approved_patterns");
            sql.execute("DROP TABLE " + schema + ".record_counts");
            sql.execute("INSERT INTO " + schema + ".approved_patterns (id, name, updated_at)"
                    + " SELECT gen_random_uuid(), 'older', now() FROM generate_series(1, 41)");
        }
        try (PostgresStore s = PostgresStore.open(schemaUrl)) {
            assertEquals(42, s.count(RecordKind.PATTERNS));
            assertEquals(43, s.upsert(snapshot(RecordKind.PATTERNS, Records.pattern())).count());
            assertEquals(0, s.count(RecordKind.METRICS));
        }
    }
}
