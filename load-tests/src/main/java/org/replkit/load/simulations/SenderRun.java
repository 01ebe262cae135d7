package org.replkit.load.simulations;

import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ScenarioBuilder;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.replkit.load.DeliverySigning;
import org.replkit.load.LoadProperty;
import org.replkit.load.RecordFeeder;
import org.replkit.load.RunFigures;
import org.replkit.load.TargetReceivers;
import org.replkit.load.pipeline.RowInsertService;
import org.replkit.receivers.record.RecordKind;
import org.replkit.sender.SenderDatabase;
import org.replkit.spec.SyncTable;

/**
 * What a simulation fed by the sender database holds open: the sender, the receiver instances it
 * registered there and the other resources, closed in reverse order of opening.
 */
final class SenderRun implements AutoCloseable {

    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private final List<UUID> registered = new ArrayList<>();
    private SenderDatabase sender;

    /**
     * The sender at {@link LoadProperty#SENDER_DB_URL}, or a fresh local one when none is set, feeding
     * {@code target}; the run's figures name both.
     */
    SenderDatabase openSender(TargetReceivers target) {
        String jdbcUrl = LoadProperty.SENDER_DB_URL.value();
        sender = jdbcUrl.isEmpty() ? SenderDatabase.start() : SenderDatabase.connect(jdbcUrl);
        RunFigures.publish("run", Map.of("target", target.description() + " fed by the sender database ("
                + sender.kind() + ", " + sender.netProvider() + ")"));
        return sender;
    }

    /** {@code instances} receivers per table at the target, named {@code <prefix>-singularity-<i>} and {@code <prefix>-genesis-<i>}. */
    void registerInstances(String prefix, int instances, TargetReceivers target) {
        for (int i = 1; i <= instances; i++) {
            register(prefix + "-singularity-" + i, target.baseUrl() + RecordKind.PATTERNS.path(), SyncTable.PATTERNS);
            register(prefix + "-genesis-" + i, target.baseUrl() + RecordKind.METRICS.path(), SyncTable.METRICS);
        }
    }

    private void register(String name, String url, SyncTable table) {
        registered.add(sender.registerInstance(name, url, table, null, DeliverySigning.secret().orElse(null))); // signed when the run signs
    }

    /** Gatling's users commit one row each into the sender database, the two tables in turn ({@link RowInsertService}). */
    static ScenarioBuilder commits() {
        return scenario("commit rows")
                .feed(RecordFeeder.alternatingTables())
                .exec(http("INSERT #{table}").post("/rows/#{table}").check(status().is(200)));
    }

    /** One request for the verdict, answered once the queue has drained; the run's assertions fail it when it is not 200. */
    static ScenarioBuilder verdict(String name, Duration timeout) {
        return scenario(name).exec(http(name).get("/pipeline/verdict").requestTimeout(timeout).check(status().is(200)));
    }

    /** Closed at the end, before the resources opened earlier. */
    <T extends AutoCloseable> T hold(T resource) {
        resources.push(resource);
        return resource;
    }

    @Override
    public void close() {
        while (!resources.isEmpty()) {
            try {
                resources.pop().close();
            } catch (Exception ignored) {
                // closing the rest matters more
            }
        }
        if (sender != null) {
            // A sender the user runs must not keep pushing to receivers that are gone.
            for (UUID id : registered) {
                try {
                    sender.deactivateInstance(id);
                } catch (RuntimeException ignored) {
                    // best effort
                }
            }
            registered.clear();
            sender.close();
            sender = null;
        }
    }
}
