package org.replkit.load.simulations;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.nothingFor;
import static io.gatling.javaapi.http.HttpDsl.http;

import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.core.Simulation;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.replkit.load.LoadProperty;
import org.replkit.load.RunFigures;
import org.replkit.load.TargetReceivers;
import org.replkit.load.Warmup;
import org.replkit.load.capacity.CapacityVerdict;
import org.replkit.load.capacity.RawSendRate;
import org.replkit.load.capacity.SchemaBurst;
import org.replkit.load.pipeline.RowInsertService;
import org.replkit.receivers.record.RecordKind;
import org.replkit.sender.SenderDatabase;
import org.replkit.sender.SenderTiming;
import org.replkit.sender.SenderTuning;

/**
 * Sender capacity: how many rows per second the sender database delivers with the replication lag's
 * p99 within cadence + 1 s, next to what the pg_net in use can send on its own, in one run.
 * <ol>
 *   <li>baseline: {@code burst} requests queued with net.http_post in one transaction, to the same
 *       receiver ({@link RawSendRate});</li>
 *   <li>the schema's burst: as many deliveries committed while sending is paused, then sent by the
 *       trigger schema ({@link SchemaBurst}); the ratio of the two rates is the schema's overhead;</li>
 *   <li>rate steps: Gatling commits rows at each rate of {@code rates} for {@code stepS} seconds, with
 *       a pause after each for the queue to drain; the highest rate whose every row was acknowledged
 *       with lag p99 within cadence + 1 s is the sender's capacity ({@link CapacityVerdict}).</li>
 * </ol>
 * Fan-out: {@code instances} receivers per table, so each row is one delivery per instance of its
 * table (e.g. 25 per table, 40 rows/s: 50 receivers getting 20 rows/s each).
 */
public class SenderCapacitySimulation extends Simulation {

    public static final List<Integer> DEFAULT_RATES = List.of(25, 50, 100, 200, 400);
    public static final int DEFAULT_STEP_S = 20;
    public static final int DEFAULT_BURST = 2000;
    public static final int DEFAULT_INSTANCES = 1;
    public static final int DEFAULT_DISPATCH_BATCH_SIZE = 20_000;
    public static final int DEFAULT_TARGET_RATIO_PERCENT = 90;
    static final int ROUNDS = 3;

    private static final String VERDICT = "capacity verdict";

    private final SenderRun run = new SenderRun();

    public SenderCapacitySimulation() {
        List<Integer> rates = LoadProperty.RATES.positiveIntList(DEFAULT_RATES);
        int stepS = LoadProperty.STEP_S.positiveIntValue(DEFAULT_STEP_S);
        int burst = LoadProperty.BURST.positiveIntValue(DEFAULT_BURST);
        int instances = LoadProperty.INSTANCES.positiveIntValue(DEFAULT_INSTANCES);
        int cadenceMs = LoadProperty.CADENCE_MS.positiveIntValue(SteadySimulation.DEFAULT_CADENCE_MS);
        int timeoutMs = LoadProperty.TIMEOUT_MS.positiveIntValue(SyncSimulation.SPEC_TIMEOUT_MS);
        int warmup = LoadProperty.WARMUP.intValue(PipelineSimulation.DEFAULT_WARMUP);
        SenderTiming timing = PipelineSimulation.timing(cadenceMs, timeoutMs);
        String pgnetBatch = LoadProperty.PGNET_BATCH_SIZE.value();
        SenderTuning tuning = new SenderTuning(
                LoadProperty.DISPATCH_BATCH_SIZE.positiveIntValue(DEFAULT_DISPATCH_BATCH_SIZE),
                pgnetBatch.isEmpty() ? null : LoadProperty.PGNET_BATCH_SIZE.positiveIntValue(200),
                LoadProperty.STANDIN_WORKERS.positiveIntValue(SenderTuning.DEFAULT.standinWorkers()));
        double targetRatio = LoadProperty.TARGET_RATIO_PERCENT.intValue(DEFAULT_TARGET_RATIO_PERCENT) / 100.0;
        long lagLimitMs = LoadProperty.P99_MS.positiveIntValue(timing.cadenceSeconds() * 1000 + 1000);
        // A step's rows are final one cadence and one timeout after its last commit, when the sender keeps up.
        Duration pause = Duration.ofSeconds(timing.cadenceSeconds() + timeoutMs / 1000 + 3);

        RunFigures.publish("parameters", RunFigures.ordered("rates", rates, "stepS", stepS, "burst", burst,
                "instances", instances, "cadenceMs", timing.cadenceSeconds() * 1000, "timeoutMs", timeoutMs,
                "lagP99Ms", lagLimitMs, "targetRatio", targetRatio, "dispatchBatchSize", tuning.dispatchBatchSize(),
                "pgnetBatchSize", tuning.pgnetBatchSize() == null ? "default" : tuning.pgnetBatchSize(),
                "standinWorkers", tuning.standinWorkers()));
        try {
            TargetReceivers target = run.hold(TargetReceivers.fromProperties());
            Warmup.run(target.baseUrl(), warmup);
            SenderDatabase sender = run.openSender(target);
            String provider = sender.netProvider();
            sender.setTiming(timing);
            sender.setTuning(tuning);
            run.registerInstances("capacity", instances, target);

            // Baseline and schema side by side: a warm-up round (not counted: the stand-in's workers and
            // the receiver start cold), then three rounds of each, interleaved; the ratio is the median
            // of the rounds' ratios, each taken from two measurements made one after the other, so a
            // noisy moment of a shared machine spoils one round, not the verdict.
            Duration limit = Duration.ofMinutes(5);
            String endpoint = target.baseUrl() + RecordKind.PATTERNS.path();
            RawSendRate.measure(sender.jdbcUrl(), endpoint, Math.min(200, burst), timeoutMs, limit);
            List<RawSendRate.Result> raws = new ArrayList<>();
            List<SchemaBurst.Result> bursts = new ArrayList<>();
            for (int round = 1; round <= ROUNDS; round++) {
                RawSendRate.Result r = RawSendRate.measure(sender.jdbcUrl(), endpoint, burst, timeoutMs, limit);
                System.out.printf("sender-capacity: round %d: raw %s: %d requests in %.2f s, %.0f/s%n", round, provider,
                        r.requests(), r.seconds(), r.perSecond());
                raws.add(r);
                SchemaBurst.Result b = SchemaBurst.measure(sender.jdbcUrl(), Math.max(1, burst / instances), limit);
                System.out.printf("sender-capacity: round %d: schema burst: %d deliveries in %.2f s, %.0f/s%n", round,
                        b.items(), b.seconds(), b.perSecond());
                bursts.add(b);
            }
            RawSendRate.Result raw = RawSendRate.Result.combined(raws);
            SchemaBurst.Result schema = SchemaBurst.Result.combined(bursts);

            Instant runStart = Instant.now();
            CapacityVerdict verdict = new CapacityVerdict(sender.jdbcUrl(), provider, tuning, raw, schema, runStart, rates,
                    Duration.ofSeconds(stepS), pause, lagLimitMs, targetRatio, CapacityVerdict.medianRatio(bursts, raws));
            RowInsertService rows = run.hold(RowInsertService.start(sender.jdbcUrl(), 8, verdict::decide));

            List<OpenInjectionStep> steps = new ArrayList<>();
            for (int rate : rates) {
                steps.add(constantUsersPerSec(rate).during(Duration.ofSeconds(stepS)));
                steps.add(nothingFor(pause));
            }
            setUp(SenderRun.commits().injectOpen(steps).andThen(SenderRun.verdict(VERDICT, limit.plusSeconds(60)).injectOpen(atOnceUsers(1))))
                    .protocols(http.baseUrl(rows.baseUrl()).disableWarmUp().shareConnections())
                    .assertions(global().failedRequests().count().is(0L), details(VERDICT).failedRequests().count().is(0L));
        } catch (SQLException e) {
            after();
            throw new IllegalStateException("the capacity baseline could not be measured: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            after();
            throw e;
        }
    }

    @Override
    public void after() {
        run.close();
    }
}
