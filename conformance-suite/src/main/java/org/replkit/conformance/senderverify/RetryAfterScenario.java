package org.replkit.conformance.senderverify;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.replkit.spec.SyncTable;

/**
 * SND-RETRYAFTER-01, on a receiver of the scenario's own: one record is answered 429 with
 * {@code Retry-After: N}, then 503 with the same, then 200. Each retry must come no sooner than N
 * seconds after the answer that asked for it (half a second early at most, the play of a request's
 * way out), and the record must be delivered: a 429 never fails an item. N is longer than the first
 * backoff, a cadence and a timeout together (17 s at the spec's timing, 5 s at the fast one), so a
 * sender that only keeps its backoff retries too early.
 */
public final class RetryAfterScenario extends SenderScenario {

    public RetryAfterScenario() {
        super("SND-RETRYAFTER-01", Phase.PARALLEL,
                "a 429 and then a 503 with Retry-After: N are each retried no sooner than N s, and the record is delivered");
    }

    /** The Retry-After the receiver asks for, in whole seconds. */
    static long retryAfterSeconds(ExpectedTiming t) {
        Duration n = t.backoff(1).plus(t.cadence()).plus(t.timeout()).plusSeconds(2);
        return (n.toMillis() + 999) / 1000;
    }

    @Override
    public Judgement run(ScenarioContext c) throws Exception {
        ExpectedTiming t = c.timing();
        long n = retryAfterSeconds(t);
        ScriptedReceiver receiver = c.ownReceiver(SyncTable.METRICS);
        UUID id = UUID.randomUUID();
        receiver.script(id.toString(), (attempt, request) -> switch (attempt) {
            case 1 -> Reply.status(429).retryAfter(n);
            case 2 -> Reply.status(503).retryAfter(n);
            default -> Reply.ok(id.toString());
        });
        c.insert(SyncTable.METRICS, id);
        List<Arrival> got = receiver.await(id, a -> !a.isEmpty(), t.arrivalBound().multipliedBy(3));
        if (got.isEmpty()) {
            return Judgement.cantTell("record " + id + " never arrived, so no 429 could be answered (SND-CAD-01's to judge)", List.of());
        }
        Duration perRetry = Duration.ofSeconds(n).plus(t.backoff(2)).plus(t.arrivalBound());
        got = receiver.await(id, a -> a.stream().anyMatch(Arrival::acknowledged),
                Duration.between(Instant.now(), got.get(0).at().plus(perRetry.multipliedBy(2))));
        List<String> wrong = new ArrayList<>();
        Duration low = Duration.ofSeconds(n).minus(ExpectedTiming.EARLY_TOLERANCE);
        for (int i = 1; i < got.size() && i <= 2; i++) {
            Duration gap = Duration.between(got.get(i - 1).at(), got.get(i).at());
            if (gap.compareTo(low) < 0) {
                wrong.add("retry " + i + " came " + ScenarioContext.seconds(gap) + " after a " + got.get(i - 1).answered()
                        + " with Retry-After: " + n);
            }
        }
        if (got.stream().noneMatch(Arrival::acknowledged)) {
            wrong.add(got.size() == 1 ? "the 429 ended the record: it was never sent again"
                    : "the record was not delivered: " + got.size() + " requests, none acknowledged");
        }
        if (wrong.isEmpty()) {
            return Judgement.passed();
        }
        return Judgement.failed(wrong.get(0), "each retry at least " + n + " s (less " + ScenarioContext.seconds(ExpectedTiming.EARLY_TOLERANCE)
                        + ") after the answer asking for it, and the record delivered",
                String.join("; ", wrong) + " (answers: 429 then 503, each with Retry-After: " + n + ", then 200)",
                c.evidence(got, id));
    }
}
