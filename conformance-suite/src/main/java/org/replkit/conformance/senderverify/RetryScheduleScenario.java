package org.replkit.conformance.senderverify;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.replkit.spec.SyncTable;

/**
 * SND-RETRY-01: one record answered 500 to its first attempt and to every retry but the last: it is
 * retried 3 times, each gap at least its backoff (5, 10, 20 s; half a second early at most, the
 * play of a request's way out) and at most backoff + cadence + 1 s. Meanwhile another record to the
 * same receiver is acknowledged, so the failure is plainly the item's, not the receiver's.
 */
public final class RetryScheduleScenario extends SenderScenario {

    public RetryScheduleScenario() {
        super("SND-RETRY-01", Phase.PARALLEL,
                "a 5xx is retried 3 times, each gap within [backoff, backoff + cadence + 1 s], while other records succeed");
    }

    @Override
    public Judgement run(ScenarioContext c) throws Exception {
        ExpectedTiming t = c.timing();
        int retries = t.retries();
        UUID id = UUID.randomUUID();
        int[] failures = new int[retries];
        // 500: a failure of the item's own (a 503 with Retry-After is SND-RETRYAFTER-01's, 503 to everything an outage)
        java.util.Arrays.fill(failures, 500);
        c.receiver(SyncTable.PATTERNS).script(id.toString(), Script.statuses(failures));
        List<Arrival> got = c.firstArrival(c.receiver(SyncTable.PATTERNS), id, ", so no 500 could be answered");
        UUID neighbour = UUID.randomUUID();
        c.insert(SyncTable.PATTERNS, neighbour);
        Duration window = Duration.ZERO;
        for (int i = 1; i <= retries; i++) {
            window = window.plus(t.backoff(i)).plus(t.cadence()).plus(ExpectedTiming.LATE_TOLERANCE);
        }
        got = c.awaitCount(SyncTable.PATTERNS, id, retries + 1, Duration.between(java.time.Instant.now(), got.get(0).at().plus(window))
                .plusSeconds(2));
        boolean neighbourAcknowledged = c.arrivals(SyncTable.PATTERNS, neighbour).stream().anyMatch(Arrival::acknowledged);
        String meanwhile = neighbourAcknowledged ? "; meanwhile record " + neighbour + " to the same receiver was acknowledged"
                : "";
        String expected = retries + " retries after " + backoffs(t) + ", each no more than cadence + 1 s late";
        List<String> wrong = new ArrayList<>();
        if (got.size() < retries + 1) {
            wrong.add("retried " + (got.size() - 1) + " time" + (got.size() == 2 ? "" : "s") + " after the 500"
                    + (got.size() > 1 ? "s" : "") + ", expected " + retries);
        }
        List<String> gaps = new ArrayList<>();
        for (int i = 1; i < got.size() && i <= retries; i++) {
            Duration gap = Duration.between(got.get(i - 1).at(), got.get(i).at());
            Duration low = t.backoff(i).minus(ExpectedTiming.EARLY_TOLERANCE);
            Duration high = t.backoff(i).plus(t.cadence()).plus(ExpectedTiming.LATE_TOLERANCE);
            gaps.add(ScenarioContext.seconds(gap));
            if (gap.compareTo(low) < 0 || gap.compareTo(high) > 0) {
                wrong.add("retry " + i + " came " + ScenarioContext.seconds(gap) + " after the attempt before it, expected "
                        + ScenarioContext.seconds(t.backoff(i)) + " to " + ScenarioContext.seconds(high));
            }
        }
        if (wrong.isEmpty()) {
            return Judgement.passed();
        }
        return Judgement.failed(wrong.get(0) + meanwhile, expected, "gaps " + gaps + ": " + String.join("; ", wrong),
                c.evidence(got, id));
    }

    private static String backoffs(ExpectedTiming t) {
        return IntStream.rangeClosed(1, t.retries()).mapToObj(i -> ScenarioContext.seconds(t.backoff(i)))
                .collect(Collectors.joining(", "));
    }
}
