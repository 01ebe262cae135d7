package org.replkit.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The duplicate storm, scaled down: the reference receivers count each id once; a receiver that counts every delivery is caught. */
class DuplicatesProfileTest {

    @TempDir
    Path reports;

    private static Map<LoadProperty, String> scaledDown() {
        Map<LoadProperty, String> s = SteadyProfileTest.scaledDown();
        s.put(LoadProperty.DISTINCT_IDS, "10");
        s.put(LoadProperty.RETRIES, "4");
        s.put(LoadProperty.CADENCE_MS, "500");
        return s;
    }

    @Test
    void referenceReceiversCountEachIdOnce() {
        GatlingRunner.Outcome outcome = GatlingRunner.run(LoadProfile.DUPLICATES, scaledDown(), reports.resolve("load"), null);

        assertEquals(0, outcome.status(), outcome.assertions().toString());
        assertTrue(outcome.assertions().stream().anyMatch(a -> a.passed() && a.assertion().startsWith("count after approved_patterns")));
        assertTrue(outcome.assertions().stream().anyMatch(a -> a.passed() && a.assertion().startsWith("count after execution_metrics")));
    }

    @Test
    void aReceiverThatStoresEveryDeliveryAsNewFailsTheCountCheck() {
        AtomicLong stored = new AtomicLong();
        try (StubReceiver notIdempotent = StubReceiver.answering(ctx -> {
            String id = ctx.header("X-Sync-Record-Id");
            boolean patterns = ctx.path().endsWith("patterns");
            ctx.contentType("application/json").result("{\"status\":\"ok\",\"" + (patterns ? "pattern_id" : "metrics_id") + "\":\"" + id
                    + "\",\"" + (patterns ? "local_record_count" : "local_metrics_count") + "\":" + stored.incrementAndGet() + "}");
        })) {
            Map<LoadProperty, String> settings = scaledDown();
            settings.put(LoadProperty.TARGET, notIdempotent.baseUrl());
            GatlingRunner.Outcome outcome = GatlingRunner.run(LoadProfile.DUPLICATES, settings, reports.resolve("load"), null);

            assertEquals(GatlingRunner.ASSERTIONS_FAILED, outcome.status());
            assertTrue(outcome.assertions().stream().anyMatch(a -> !a.passed() && a.assertion().startsWith("count after")),
                    outcome.assertions().toString());
        }
    }
}
