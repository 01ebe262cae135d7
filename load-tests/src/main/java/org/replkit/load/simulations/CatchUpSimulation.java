package org.replkit.load.simulations;

import org.replkit.load.RunFigures;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.nothingFor;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.replkit.load.LoadProperty;
import org.replkit.load.RecordFeeder;
import org.replkit.receivers.record.RecordKind;

/**
 * Catch-up: steady ticks, then an outage during which nothing is delivered, then every tick the
 * outage held back arrives at once (the sender's queue drains), then the cadence resumes. Every
 * delivery, backlog included, must be acknowledged within the timeout.
 */
public class CatchUpSimulation extends SyncSimulation {

    public static final int DEFAULT_WARM_S = 20;
    public static final int DEFAULT_OUTAGE_S = 30;
    public static final int DEFAULT_AFTER_S = 30;
    /**
     * The backlog burst dominates this figure, so the bound is the spec's own: the sender's 5 s
     * timeout (see README for what was measured).
     */
    public static final int DEFAULT_P99_MS = SPEC_TIMEOUT_MS;

    public CatchUpSimulation() {
        int instances = LoadProperty.INSTANCES.positiveIntValue(SteadySimulation.DEFAULT_INSTANCES);
        int batch = LoadProperty.BATCH.positiveIntValue(SteadySimulation.DEFAULT_BATCH);
        Duration cadence = Duration.ofMillis(LoadProperty.CADENCE_MS.positiveIntValue(SteadySimulation.DEFAULT_CADENCE_MS));
        Duration warm = Duration.ofSeconds(LoadProperty.WARM_S.positiveIntValue(DEFAULT_WARM_S));
        Duration outage = Duration.ofSeconds(LoadProperty.OUTAGE_S.positiveIntValue(DEFAULT_OUTAGE_S));
        Duration after = Duration.ofSeconds(LoadProperty.DURATION_S.positiveIntValue(DEFAULT_AFTER_S));
        int p99Ms = LoadProperty.P99_MS.positiveIntValue(DEFAULT_P99_MS);
        int perTick = instances * batch;
        int missedTicks = Cadence.ticksIn(outage, cadence);

        List<OpenInjectionStep> steps = new ArrayList<>(Cadence.ticks(Cadence.ticksIn(warm, cadence), perTick, cadence));
        steps.add(nothingFor(outage));
        steps.add(atOnceUsers(missedTicks * perTick));
        steps.add(nothingFor(cadence));
        steps.addAll(Cadence.ticks(Cadence.ticksIn(after, cadence), perTick, cadence));

        publishParameters(RunFigures.ordered("instances", instances, "batch", batch, "cadenceMs", cadence.toMillis(),
                "warmS", warm.toSeconds(), "outageS", outage.toSeconds(), "backlog", missedTicks * perTick,
                "durationS", after.toSeconds(), "p99Ms", p99Ms));
        HttpProtocolBuilder protocol = connect();
        List<PopulationBuilder> senders = new ArrayList<>();
        for (RecordKind kind : RecordKind.values()) {
            senders.add(afterWarmup(kind, perTick, scenario("catch-up " + kind.table())
                    .feed(new RecordFeeder(kind, instances).fresh())
                    .exec(delivery(requestName(kind), kind))
                    .injectOpen(steps)));
        }
        setUp(senders).protocols(protocol).assertions(noFailedDelivery(), everyAckWithinTimeout(), p99Below(p99Ms));
    }
}
