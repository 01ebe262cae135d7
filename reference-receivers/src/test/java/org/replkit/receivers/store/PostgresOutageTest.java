package org.replkit.receivers.store;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.replkit.receivers.ReceiverOptions;
import org.replkit.receivers.ReceiverServer;
import org.replkit.receivers.record.RecordKind;
import org.replkit.receivers.testsupport.Records;

/**
 * A receiver whose database goes away answers 503 (a transient failure: the sender retries), not
 * 500 and never 2xx, and stores again once the database is back. Uses a cluster of its own so it
 * can stop it.
 */
class PostgresOutageTest {

    @Test
    void databaseDownMeans503AndRecoveryMeans200() {
        try (EphemeralPostgres pg = EphemeralPostgres.start();
             ReceiverServer server = ReceiverServer.start(ReceiverOptions.embedded().withDbUrl(pg.jdbcUrl()))) {
            String record = Records.pattern().toString();
            assertEquals(200, post(server, record).statusCode());

            pg.stopServer();
            Response down = post(server, Records.pattern().toString());
            assertEquals(503, down.statusCode(), down::asString);
            assertEquals("storage_unavailable", down.jsonPath().getString("error"));

            pg.startServer();
            // The pool may take a moment to reconnect: until it does the answer stays 503 (retried by
            // the sender) and stores nothing; never a 500 or a 2xx for a record not stored.
            String record3 = Records.pattern().toString();
            Response back = post(server, record3);
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
            while (back.statusCode() == 503 && System.nanoTime() < deadline) {
                back = post(server, record3);
            }
            assertEquals(200, back.statusCode(), back::asString);
            assertEquals(2, back.jsonPath().getLong("local_record_count"));
        }
    }

    @Test
    void unreachableDatabaseAtStartIsAClearError() {
        StoreUnavailableException e = assertThrows(StoreUnavailableException.class,
                () -> PostgresStore.open("jdbc:postgresql://127.0.0.1:1/none?user=x&connectTimeout=1"));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().startsWith("cannot connect to postgresql://127.0.0.1:1/none"), e.getMessage());
    }

    private static Response post(ReceiverServer server, String body) {
        return given().baseUri(server.baseUrl()).contentType("application/json").body(body).post(RecordKind.PATTERNS.path());
    }
}
