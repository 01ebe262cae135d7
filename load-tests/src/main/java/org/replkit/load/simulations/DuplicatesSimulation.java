package org.replkit.load.simulations;

import org.replkit.load.RunFigures;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.replkit.load.LoadProperty;
import org.replkit.load.RecordFeeder;
import org.replkit.receivers.record.RecordKind;

/**
 * Duplicate storm: D distinct records per endpoint, each delivered R times in shuffled order (so
 * retries of one id arrive both in the same tick and across ticks). The receiver's record count,
 * read from the acks before and after, must grow by exactly D (+1 for the closing probe).
 */
public class DuplicatesSimulation extends SyncSimulation {

    public static final int DEFAULT_DISTINCT_IDS = 200;
    public static final int DEFAULT_RETRIES = 10;
    public static final int DEFAULT_P99_MS = SteadySimulation.DEFAULT_P99_MS;

    private static final String COUNT = "count";

    public DuplicatesSimulation() {
        int instances = LoadProperty.INSTANCES.positiveIntValue(SteadySimulation.DEFAULT_INSTANCES);
        int batch = LoadProperty.BATCH.positiveIntValue(SteadySimulation.DEFAULT_BATCH);
        Duration cadence = Duration.ofMillis(LoadProperty.CADENCE_MS.positiveIntValue(SteadySimulation.DEFAULT_CADENCE_MS));
        int distinct = LoadProperty.DISTINCT_IDS.positiveIntValue(DEFAULT_DISTINCT_IDS);
        int retries = LoadProperty.RETRIES.positiveIntValue(DEFAULT_RETRIES);
        int p99Ms = LoadProperty.P99_MS.positiveIntValue(DEFAULT_P99_MS);

        publishParameters(RunFigures.ordered("instances", instances, "batch", batch, "cadenceMs", cadence.toMillis(),
                "distinctIds", distinct, "retries", retries, "p99Ms", p99Ms));
        HttpProtocolBuilder protocol = connect();
        Map<RecordKind, AtomicLong> before = new EnumMap<>(RecordKind.class);
        List<PopulationBuilder> storms = new ArrayList<>();
        List<Assertion> assertions = new ArrayList<>(List.of(noFailedDelivery(), everyAckWithinTimeout(), p99Below(p99Ms)));
        for (RecordKind kind : RecordKind.values()) {
            AtomicLong baseline = new AtomicLong(-1);
            before.put(kind, baseline);
            RecordFeeder records = new RecordFeeder(kind, instances);
            List<Map<String, Object>> storm = storm(records, distinct, retries);

            var countBefore = scenario("count before " + kind.table())
                    .feed(records.fresh())
                    .exec(delivery("count before " + kind.table(), kind)
                            .check(jsonPath("$." + kind.ackCountField()).ofLong().saveAs(COUNT)))
                    .exec(session -> {
                        baseline.set(session.getLong(COUNT));
                        return session;
                    });
            var duplicates = scenario("duplicates " + kind.table())
                    .feed(storm.iterator())
                    .exec(delivery(requestName(kind), kind));
            String checkName = "count after " + kind.table();
            var countAfter = scenario(checkName)
                    .feed(records.fresh())
                    .exec(delivery(checkName, kind)
                            // the probe before, the distinct ids, and this probe itself
                            .check(jsonPath("$." + kind.ackCountField()).ofLong().is(session -> baseline.get() + distinct + 1)));

            storms.add(afterWarmup(kind, instances * batch, countBefore.injectOpen(atOnceUsers(1)).andThen(
                    duplicates.injectOpen(Cadence.spread(storm.size(), instances * batch, cadence)).andThen(
                            countAfter.injectOpen(atOnceUsers(1))))));
            assertions.add(details(checkName).failedRequests().count().is(0L));
        }
        setUp(storms).protocols(protocol).assertions(assertions);
    }

    /** Each of {@code distinct} records {@code retries} times, byte-identical as a retry is, shuffled reproducibly. */
    private static List<Map<String, Object>> storm(RecordFeeder records, int distinct, int retries) {
        List<Map<String, Object>> deliveries = new ArrayList<>(distinct * retries);
        for (int i = 0; i < distinct; i++) {
            ObjectNode record = records.next();
            Map<String, Object> delivery = RecordFeeder.delivery(record, "INSERT");
            for (int r = 0; r < retries; r++) {
                deliveries.add(delivery);
            }
        }
        Collections.shuffle(deliveries, new Random(42));
        return deliveries;
    }
}
