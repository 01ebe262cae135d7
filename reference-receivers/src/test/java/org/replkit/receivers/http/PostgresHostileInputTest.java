package org.replkit.receivers.http;

import org.junit.jupiter.api.AfterAll;
import org.replkit.receivers.ReceiverOptions;
import org.replkit.receivers.testsupport.TestPostgres;

/** Hostile input on the PostgreSQL store: what the validator lets through, the database must hold. */
class PostgresHostileInputTest extends HostileInputTest {

    private final String url = TestPostgres.freshSchemaUrl();

    @Override
    ReceiverOptions storeOptions() {
        return ReceiverOptions.embedded().withDbUrl(url);
    }

    @AfterAll
    void dropSchema() {
        TestPostgres.dropSchema(url);
    }
}
