package org.replkit.conformance.senderverify;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.replkit.spec.SyncTable;

/**
 * SND-RETRY-02: one record answered 400 with the spec's error body; no second request about it may
 * come within the first backoff + cadence + 2 s (when a retry would have come).
 */
public final class NoRetryOn400Scenario extends SenderScenario {

    public NoRetryOn400Scenario() {
        super("SND-RETRY-02", Phase.PARALLEL,
                "a record answered 400 is not sent again");
    }

    @Override
    public Judgement run(ScenarioContext c) throws Exception {
        ExpectedTiming t = c.timing();
        UUID id = UUID.randomUUID();
        c.receiver(SyncTable.PATTERNS).script(id.toString(), Script.statuses(400));
        List<Arrival> got = c.firstArrival(c.receiver(SyncTable.PATTERNS), id, ", so no 400 could be answered");
        Duration retryWindow = t.backoff(1).plus(t.cadence()).plus(ExpectedTiming.LATE_TOLERANCE).plusSeconds(1);
        got = c.await(SyncTable.PATTERNS, id, a -> a.size() > 1,
                Duration.between(java.time.Instant.now(), got.get(0).at().plus(retryWindow)));
        if (got.size() > 1) {
            return Judgement.failed("the record was sent again " + ScenarioContext.seconds(Duration.between(got.get(0).at(), got.get(1).at()))
                            + " after a 400", "no request after the 400", (got.size() - 1) + " more request(s)", c.evidence(got, id));
        }
        return Judgement.passed();
    }
}
