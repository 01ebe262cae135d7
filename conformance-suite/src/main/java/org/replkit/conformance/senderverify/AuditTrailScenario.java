package org.replkit.conformance.senderverify;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.replkit.conformance.model.CannotTell;

/**
 * SND-AUDIT-01, where the sender has the {@code replication} schema: once the run's deliveries have
 * ended, each of the kit's instances has one queue item per change the kit committed to its table
 * (replication.get_instance_status: pending + success + failed + superseded), none left pending.
 * Superseded is final: a newer snapshot of the record was sent instead (SND-COALESCE-01); a sender
 * without coalescing reports none.
 */
public final class AuditTrailScenario extends SenderScenario {

    static final Duration SETTLE = Duration.ofSeconds(60);

    public AuditTrailScenario() {
        super("SND-AUDIT-01", Phase.AUDIT,
                "every (change, instance) pair has a queue item that ends success, failed or superseded (replication.get_instance_status)");
    }

    @Override
    public Judgement run(ScenarioContext c) throws Exception {
        List<String> wrong = new ArrayList<>();
        for (ScriptedReceiver r : c.receivers()) {
            JsonNode status = settled(c, r);
            long committed = c.changes().stream().filter(ch -> ch.table() == r.table()).count();
            long pending = status.path("pending").asLong();
            long total = pending + status.path("success").asLong() + status.path("failed").asLong()
                    + status.path("superseded").asLong();
            if (pending > 0) {
                wrong.add(pending + " item(s) of " + r.table().tableName() + " still pending "
                        + ScenarioContext.seconds(SETTLE) + " after the run's last delivery");
            }
            if (total != committed) {
                wrong.add(committed + " changes committed to " + r.table().tableName() + ", " + total + " queue items for the instance");
            }
        }
        return Judgement.passedUnless(wrong,
                "one queue item per (change, instance), each ending success, failed or superseded", List.of());
    }

    /** The instance registered with this URL, by replication.list_active_instances(). */
    static Optional<String> instanceOf(ScenarioContext c, String url) throws SQLException {
        return c.sender().json("SELECT replication.list_active_instances()::text").stream()
                .flatMap(list -> StreamSupport.stream(list.spliterator(), false))
                .filter(i -> url.equals(i.path("http_endpoint").asText()))
                .map(i -> i.path("instance_id").asText())
                .findFirst();
    }

    /**
     * get_instance_status of the receiver's instance once nothing is pending, or after {@link #SETTLE}.
     *
     * @throws CannotTell when replication.list_active_instances() does not list the receiver
     */
    static JsonNode settled(ScenarioContext c, ScriptedReceiver r) throws SQLException, InterruptedException {
        String instance = instanceOf(c, r.registeredUrl()).orElseThrow(
                () -> new CannotTell("replication.list_active_instances() does not list " + r.registeredUrl()));
        return Poll.until(Instant.now().plus(SETTLE), Duration.ofMillis(200),
                () -> c.sender().json("SELECT replication.get_instance_status(?::uuid)::text", instance)
                        .orElseThrow(() -> new SQLException("get_instance_status found no instance " + instance)),
                status -> status.path("pending").asLong() == 0);
    }
}
