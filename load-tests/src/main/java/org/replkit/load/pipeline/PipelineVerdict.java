package org.replkit.load.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.replkit.load.RunFigures;

/**
 * The pipeline's pass/fail, decided from the audit trail once the inserts are done: every change
 * captured since the run began must reach its receiver (none failed, none left open once the queue
 * had time to drain), as many deliveries as rows times registered instances, and the lag's p99
 * within bound. Publishes the figures for the run's summary either way.
 */
public record PipelineVerdict(String senderJdbcUrl, Instant runStart, int instancesPerTable, Duration drainLimit,
                              long lagP99LimitMs) {

    /** Null when the pipeline kept its promises, else what went wrong (one line). */
    public String decide(RowInsertService rows) {
        return AuditVerdict.decide("pipeline", senderJdbcUrl, runStart, drainLimit, Duration.ofMillis(200), c -> {
            AuditTrail.Figures f = AuditTrail.since(c, runStart);
            long expected = rows.committed() * instancesPerTable;
            publish(f, rows.committed(), expected);
            List<String> problems = new ArrayList<>();
            if (f.failed() > 0) {
                problems.add(f.failed() + " deliveries failed");
            }
            if (f.open() > 0) {
                problems.add(f.open() + " deliveries still open after waiting " + drainLimit.toSeconds() + " s for the queue to drain");
            }
            if (f.delivered() + f.failed() + f.open() != expected) {
                problems.add("the audit trail holds " + (f.delivered() + f.failed() + f.open()) + " items for " + expected
                        + " expected (" + rows.committed() + " rows x " + instancesPerTable + " instances)");
            }
            if (f.delivered() > 0 && f.lagP99Ms() >= lagP99LimitMs) {
                problems.add("replication lag p99 " + f.lagP99Ms() + " ms is not below " + lagP99LimitMs + " ms");
            }
            return problems;
        });
    }

    private void publish(AuditTrail.Figures f, long rows, long expected) {
        RunFigures.publish("pipeline", Map.of(
                "rowsCommitted", rows,
                "deliveriesExpected", expected,
                "delivered", f.delivered(),
                "failed", f.failed(),
                "open", f.open(),
                "deliveriesPerSecond", RunFigures.oneDecimal(f.deliveriesPerSecond()),
                "lagMs", Map.of("p50", f.lagP50Ms(), "p95", f.lagP95Ms(), "p99", f.lagP99Ms(), "max", f.lagMaxMs()),
                "lagP99LimitMs", lagP99LimitMs,
                "maxAttempts", f.maxAttempts()));
        System.out.printf("pipeline: %d rows committed, %d/%d deliveries acknowledged (%d failed, %d open), %.1f deliveries/s,"
                        + " lag p50 %d ms, p95 %d ms, p99 %d ms, max %d ms%n",
                rows, f.delivered(), expected, f.failed(), f.open(), f.deliveriesPerSecond(),
                f.lagP50Ms(), f.lagP95Ms(), f.lagP99Ms(), f.lagMaxMs());
    }

    /** Without the JDBC URL, which may hold a password. */
    @Override
    public String toString() {
        return "PipelineVerdict[since " + runStart + "]";
    }
}
