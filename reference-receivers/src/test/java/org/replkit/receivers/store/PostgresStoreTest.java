package org.replkit.receivers.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.replkit.receivers.record.RecordKind;
import org.replkit.receivers.testsupport.Records;
import org.replkit.receivers.testsupport.TestPostgres;

class PostgresStoreTest extends StoreContractTest {

    private final String url = TestPostgres.freshSchemaUrl();

    @Override
    RecordStore openStore() {
        return PostgresStore.open(url);
    }

    @AfterAll
    void dropSchema() {
        TestPostgres.dropSchema(url);
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
}
