package org.replkit.conformance.senderverify;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.replkit.spec.SyncTable;

/**
 * SND-STAT-01, where the sender has the {@code replication} schema: once deliveries have ended,
 * each instance's success_count is the number of requests the kit acknowledged (and the sender
 * waited for), error_count the number it did not (non-2xx answers and the sender's own timeouts),
 * last_sync_at is set, and get_queue_stats() adds up.
 */
public final class StatusFiguresScenario extends SenderScenario {

    public StatusFiguresScenario() {
        super("SND-STAT-01", Phase.AUDIT,
                "each instance's success_count and error_count match the answers the receivers gave; get_queue_stats() adds up");
    }

    @Override
    public Judgement run(ScenarioContext c) throws Exception {
        List<String> wrong = new ArrayList<>();
        for (ScriptedReceiver r : c.receivers()) {
            JsonNode status = AuditTrailScenario.settled(c, r);
            List<Arrival> arrivals = r.arrivals();
            long gaveUp = r.table() == SyncTable.PATTERNS ? c.watch().giveUps().size() : 0;
            long acknowledged = arrivals.stream().filter(Arrival::acknowledged).count() - gaveUp;
            long errors = arrivals.size() - acknowledged;
            expect(wrong, r, "success_count", status.path("success_count").asLong(-1), acknowledged);
            expect(wrong, r, "error_count", status.path("error_count").asLong(-1), errors);
            if (acknowledged > 0 && status.path("last_sync_at").isNull()) {
                wrong.add(r.table().tableName() + " instance: last_sync_at is null after " + acknowledged + " deliveries");
            }
        }
        JsonNode stats = c.sender().json("SELECT replication.get_queue_stats()::text").orElseThrow();
        long sum = stats.path("pending").asLong() + stats.path("success").asLong() + stats.path("failed").asLong();
        if (sum != stats.path("total").asLong(-1)) {
            wrong.add("get_queue_stats(): pending + success + failed = " + sum + ", total = " + stats.path("total"));
        }
        return Judgement.passedUnless(wrong, "counters that follow every answer the receivers gave", List.of());
    }

    private static void expect(List<String> wrong, ScriptedReceiver r, String field, long actual, long expected) {
        if (actual != expected) {
            wrong.add(r.table().tableName() + " instance: " + field + " is " + actual + ", the receiver saw " + expected);
        }
    }
}
