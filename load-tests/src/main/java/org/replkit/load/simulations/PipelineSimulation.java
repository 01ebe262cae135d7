package org.replkit.load.simulations;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.http.HttpDsl.http;

import io.gatling.javaapi.core.Simulation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.replkit.load.LoadProperty;
import org.replkit.load.RunFigures;
import org.replkit.load.TargetReceivers;
import org.replkit.load.Warmup;
import org.replkit.load.pipeline.PipelineVerdict;
import org.replkit.load.pipeline.RowInsertService;
import org.replkit.sender.SenderDatabase;
import org.replkit.sender.SenderTiming;

/**
 * Pipeline: rows committed into the sender database at a steady rate (both tables alternately),
 * delivered by the real path (capture trigger -> pg_cron tick -> pg_net or its stand-in) to the
 * receivers, at the sender's cadence. Gatling drives the commits ({@link RowInsertService}); the verdict
 * and the figures (deliveries per second, lag from commit to acknowledgement) come from the audit
 * trail once the queue has drained ({@link PipelineVerdict}), and fail the run through the
 * "pipeline verdict" request's assertion.
 */
public class PipelineSimulation extends Simulation {

    public static final int DEFAULT_ROWS_PER_SECOND = 20;
    public static final int DEFAULT_DURATION_S = 60;
    public static final int DEFAULT_INSTANCES = 1;
    public static final int DEFAULT_WARMUP = 50;

    private static final String VERDICT = "pipeline verdict";

    private final SenderRun run = new SenderRun();

    public PipelineSimulation() {
        int rowsPerSecond = LoadProperty.ROWS_PER_SECOND.positiveIntValue(DEFAULT_ROWS_PER_SECOND);
        Duration duration = Duration.ofSeconds(LoadProperty.DURATION_S.positiveIntValue(DEFAULT_DURATION_S));
        int cadenceMs = LoadProperty.CADENCE_MS.positiveIntValue(SteadySimulation.DEFAULT_CADENCE_MS);
        int timeoutMs = LoadProperty.TIMEOUT_MS.positiveIntValue(SyncSimulation.SPEC_TIMEOUT_MS);
        int instances = LoadProperty.INSTANCES.positiveIntValue(DEFAULT_INSTANCES);
        int warmup = LoadProperty.WARMUP.intValue(DEFAULT_WARMUP);
        SenderTiming timing = timing(cadenceMs, timeoutMs);
        // A committed row waits at most one tick, then one request: beyond that something queued or retried.
        long lagLimitMs = LoadProperty.P99_MS.positiveIntValue(timing.cadenceSeconds() * 1000 + timeoutMs);
        Duration drainLimit = Duration.ofSeconds(2L * (timing.cadenceSeconds() + timeoutMs / 1000) + 10);

        RunFigures.publish("parameters", RunFigures.ordered("rowsPerSecond", rowsPerSecond, "durationS", duration.toSeconds(),
                "cadenceMs", timing.cadenceSeconds() * 1000, "timeoutMs", timeoutMs, "instances", instances, "lagP99Ms", lagLimitMs));
        try {
            TargetReceivers target = run.hold(TargetReceivers.fromProperties());
            Warmup.run(target.baseUrl(), warmup);
            SenderDatabase sender = run.openSender(target);
            sender.setTiming(timing);
            Instant runStart = Instant.now();
            run.registerInstances("load", instances, target);
            PipelineVerdict verdict = new PipelineVerdict(sender.jdbcUrl(), runStart, instances, drainLimit, lagLimitMs);
            RowInsertService rows = run.hold(RowInsertService.start(sender.jdbcUrl(), 4, verdict::decide));

            setUp(SenderRun.commits().injectOpen(constantUsersPerSec(rowsPerSecond).during(duration))
                    .andThen(SenderRun.verdict(VERDICT, drainLimit.plusSeconds(30)).injectOpen(atOnceUsers(1))))
                    .protocols(http.baseUrl(rows.baseUrl()).disableWarmUp().shareConnections())
                    .assertions(global().failedRequests().count().is(0L), details(VERDICT).failedRequests().count().is(0L));
        } catch (RuntimeException e) {
            after();
            throw e;
        }
    }

    /** The spec's timing at a 5 s cadence; scaled down otherwise, backoff scaled with the cadence. */
    static SenderTiming timing(int cadenceMs, int timeoutMs) {
        int cadenceS = Math.max(1, Math.min(59, Math.round(cadenceMs / 1000f)));
        if (cadenceS == 5 && timeoutMs == SyncSimulation.SPEC_TIMEOUT_MS) {
            return SenderTiming.SPEC;
        }
        return new SenderTiming(cadenceS, timeoutMs, List.of((double) cadenceS, 2.0 * cadenceS, 4.0 * cadenceS), 3);
    }

    @Override
    public void after() {
        run.close();
    }
}
