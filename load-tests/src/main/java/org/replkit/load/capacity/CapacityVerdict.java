package org.replkit.load.capacity;

import static org.replkit.load.RunFigures.oneDecimal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.replkit.load.RunFigures;
import org.replkit.load.pipeline.AuditVerdict;
import org.replkit.load.pipeline.RowInsertService;
import org.replkit.sender.SenderTuning;

/**
 * The capacity run's verdict, once the rate steps are done and the queue has drained: the highest
 * rate that kept up (every row acknowledged, lag p99 within the bound), the ratio of the schema's
 * send rate to the raw pg_net rate, and whether that ratio reaches the target. Publishes the figures
 * for the summary and prints them either way.
 *
 * @param raw   the baseline's rounds together
 * @param burst the schema's rounds together
 * @param ratio the median of the rounds' schema / raw ratios ({@link #medianRatio})
 */
public record CapacityVerdict(String jdbcUrl, String provider, SenderTuning tuning, RawSendRate.Result raw,
                              SchemaBurst.Result burst, Instant runStart, List<Integer> rates, Duration step, Duration pause,
                              long lagLimitMs, double targetRatio, double ratio) {

    public CapacityVerdict {
        rates = List.copyOf(rates);
    }

    /** The median over rounds of the schema's send rate over the raw pg_net rate measured just before it. */
    public static double medianRatio(List<SchemaBurst.Result> bursts, List<RawSendRate.Result> raws) {
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < Math.min(bursts.size(), raws.size()); i++) {
            double raw = raws.get(i).perSecond();
            ratios.add(raw > 0 ? bursts.get(i).perSecond() / raw : 0);
        }
        if (ratios.isEmpty()) {
            return 0;
        }
        ratios.sort(null);
        int n = ratios.size();
        return n % 2 == 1 ? ratios.get(n / 2) : (ratios.get(n / 2 - 1) + ratios.get(n / 2)) / 2;
    }

    /** Null when the sender kept its promises, else what went wrong (one line). */
    public String decide(RowInsertService rows) {
        return AuditVerdict.decide("sender-capacity", jdbcUrl, runStart, Duration.ofMinutes(3), Duration.ofMillis(250), c -> {
            List<CapacitySteps.Step> steps = CapacitySteps.read(c, runStart, rates, step.toMillis(), pause.toMillis());
            CapacitySteps.Step best = CapacitySteps.highestKeptUp(steps, lagLimitMs);
            publish(steps, best, ratio);
            print(steps, best, ratio);

            List<String> problems = new ArrayList<>();
            if (raw.ok() < raw.requests()) {
                problems.add("the raw pg_net baseline had " + (raw.requests() - raw.ok()) + " of " + raw.requests()
                        + " requests without a 2xx answer");
            }
            if (burst.failed() > 0 || burst.delivered() < burst.items()) {
                problems.add("the schema's burst delivered " + burst.delivered() + " of " + burst.items() + " items");
            }
            if (ratio < targetRatio) {
                problems.add(String.format("the schema sends %.0f/s against a raw pg_net rate of %.0f/s: median ratio %s "
                        + "(target >= %.2f)", burst.perSecond(), raw.perSecond(), AgreeingDigits.of(ratio, targetRatio, 2),
                        targetRatio));
            }
            long failed = steps.stream().mapToLong(CapacitySteps.Step::failed).sum();
            if (failed > 0) {
                problems.add(failed + " deliveries of the rate steps failed");
            }
            if (best == null) {
                problems.add("no rate step kept the lag p99 within " + lagLimitMs + " ms");
            }
            return problems;
        });
    }

    private void publish(List<CapacitySteps.Step> steps, CapacitySteps.Step best, double ratio) {
        List<Map<String, Object>> stepFigures = steps.stream().map(s -> RunFigures.ordered(
                "rowsPerSecond", s.rowsPerSecond(), "items", s.items(), "delivered", s.delivered(), "failed", s.failed(),
                "open", s.open(), "deliveriesPerSecond", oneDecimal(s.deliveriesPerSecond()),
                "lagMs", Map.of("p50", s.lagP50Ms(), "p99", s.lagP99Ms(), "max", s.lagMaxMs()),
                "tickMs", Map.of("count", s.ticks(), "mean", s.tickAvgMs(), "max", s.tickMaxMs()),
                "keptUp", s.keptUp(lagLimitMs))).toList();
        RunFigures.publish("capacity", RunFigures.ordered(
                "netProvider", provider,
                "tuning", Map.of("dispatchBatchSize", tuning.dispatchBatchSize(),
                        "pgnetBatchSize", tuning.pgnetBatchSize() == null ? "default" : tuning.pgnetBatchSize(),
                        "standinWorkers", tuning.standinWorkers()),
                "rawPgNet", Map.of("requests", raw.requests(), "ok", raw.ok(), "seconds", oneDecimal(raw.seconds()),
                        "perSecond", oneDecimal(raw.perSecond())),
                "schemaBurst", Map.of("items", burst.items(), "delivered", burst.delivered(), "failed", burst.failed(),
                        "seconds", oneDecimal(burst.seconds()), "perSecond", oneDecimal(burst.perSecond())),
                "ratio", Double.parseDouble(AgreeingDigits.of(ratio, targetRatio, 2)),
                "targetRatio", targetRatio,
                "lagP99LimitMs", lagLimitMs,
                "steps", stepFigures,
                "highestRowsPerSecond", best == null ? 0 : best.rowsPerSecond(),
                "highestDeliveriesPerSecond", best == null ? 0 : oneDecimal(best.deliveriesPerSecond())));
    }

    private void print(List<CapacitySteps.Step> steps, CapacitySteps.Step best, double ratio) {
        System.out.printf("sender-capacity: %-7s %8s %8s %8s %9s %9s %9s %9s%n", "rows/s", "items", "acked", "deliv/s",
                "lag p50", "lag p99", "tick avg", "tick max");
        for (CapacitySteps.Step s : steps) {
            System.out.printf("sender-capacity: %-7d %8d %8d %8.1f %7d ms %7d ms %7d ms %7d ms%s%n", s.rowsPerSecond(),
                    s.items(), s.delivered(), s.deliveriesPerSecond(), s.lagP50Ms(), s.lagP99Ms(), s.tickAvgMs(),
                    s.tickMaxMs(), s.keptUp(lagLimitMs) ? "" : "  (fell behind)");
        }
        System.out.printf("sender-capacity: highest rate kept up: %s (lag p99 <= %d ms)%n",
                best == null ? "none" : best.rowsPerSecond() + " rows/s, " + Math.round(best.deliveriesPerSecond())
                        + " deliveries/s", lagLimitMs);
        System.out.printf("sender-capacity: raw %s %.0f requests/s, schema %.0f deliveries/s: median ratio %s (target >= %.2f)%n",
                provider, raw.perSecond(), burst.perSecond(), AgreeingDigits.of(ratio, targetRatio, 2), targetRatio);
    }

    /** Without the JDBC URL, which may hold a password. */
    @Override
    public String toString() {
        return "CapacityVerdict[since " + runStart + "]";
    }
}
