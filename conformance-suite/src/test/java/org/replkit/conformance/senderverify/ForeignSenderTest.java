package org.replkit.conformance.senderverify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A sender that is not the kit's (only two tables and a trigger in a schema of its own, a LISTEN loop
 * that pushes, registration by --register-sql) is judged like any other: it passes core, and the
 * audit-trail ids are inapplicable because it has no replication schema. Needs KIT_TEST_PG_URL (or
 * PostgreSQL on 127.0.0.1:5432 with role kit/kit and database kit_test).
 */
class ForeignSenderTest {

    static String pgUrl() {
        String url = System.getenv("KIT_TEST_PG_URL");
        return url == null || url.isBlank() ? "jdbc:postgresql://127.0.0.1:5432/kit_test?user=kit&password=kit" : url;
    }

    @Test
    void aForeignSenderRegisteredBySqlPassesCoreWithTheAuditTrailIdsInapplicable() throws Exception {
        String schema = "acme_sender";
        try (ForeignTestSender sender = new ForeignTestSender(pgUrl(), schema)) {
            SenderRuns.Run run = SenderRuns.verify(ForeignTestSender.withSchema(pgUrl(), schema),
                    Paths.get("target", "sender-verify", "foreign"), "--timing", "fast",
                    "--register-sql", "SELECT pg_notify('" + schema + "_register', '{table} {url}')");
            assertEquals(0, run.exitCode(), run.console());
            assertEquals(List.of(), run.failed(), run.console());
            for (String id : List.of("SND-AUDIT-01", "SND-STAT-01", "SND-CRASH-01")) {
                assertEquals("inapplicable", run.outcome(id), id + "\n" + run.console());
            }
            for (String id : List.of("SND-HDR-01", "SND-CAD-01", "SND-TIME-01", "SND-RETRY-01", "SND-RETRY-02",
                    "SND-DELIV-01", "SND-ORDER-01")) {
                assertEquals("passed", run.outcome(id), id + "\n" + run.console());
            }
            assertTrue(sender.problems().isEmpty(), sender.problems().toString());
        }
    }
}
