package org.replkit.receivers.http;

import org.junit.jupiter.api.AfterAll;
import org.replkit.receivers.ReceiverOptions;
import org.replkit.receivers.testsupport.TestPostgres;

/** The receiver rules on the PostgreSQL store, against a real PostgreSQL. */
class PostgresReceiverTest extends ReceiverContractTest {

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
