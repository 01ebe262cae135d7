package org.replkit.conformance.senderverify;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.replkit.spec.SyncTable;

/**
 * SND-TIME-01: the receiver holds its answer one second past the timeout; the sender must give up
 * (close its connection) at the timeout, within half a second. The moment is seen by the
 * {@link ConnectionWatch} in front of the patterns receiver. Runs first, with the order scenario (the
 * other one that holds an answer, on a receiver of its own) and no other: on pg_net a held answer
 * delays every request of its pass.
 */
public final class TimeoutScenario extends SenderScenario {

    public TimeoutScenario() {
        super("SND-TIME-01", Phase.ALONE,
                "an answer held past the timeout makes the sender give up at the timeout (±0.5 s)");
    }

    @Override
    public Judgement run(ScenarioContext c) throws Exception {
        Duration timeout = c.timing().timeout();
        Duration hold = timeout.plusSeconds(1);
        UUID id = UUID.randomUUID();
        c.receiver(SyncTable.PATTERNS).script(id.toString(),
                (attempt, request) -> attempt == 1 ? Reply.ok(id.toString()).held(hold.toMillis()) : Reply.ok(id.toString()));
        Arrival first = c.firstArrival(c.receiver(SyncTable.PATTERNS), id, ", so no answer could be held").get(0);
        Instant committedAt = c.committedAt(id, 1);
        // SND-ORDER-01 holds an answer in this phase too, on a receiver of its own: the relay sees
        // this record's give-up only.
        Optional<ConnectionWatch.GiveUp> gaveUp = Poll.until(first.at().plus(hold).plusSeconds(2), Duration.ofMillis(20),
                () -> c.watch().giveUps().stream().filter(g -> !g.sentAt().isBefore(committedAt)).findFirst(), Optional::isPresent);
        Duration tolerance = ExpectedTiming.TIMEOUT_TOLERANCE;
        String expected = "the sender closes its connection " + ScenarioContext.seconds(timeout) + " (±"
                + ScenarioContext.seconds(tolerance) + ") after sending, while the answer is held for " + ScenarioContext.seconds(hold);
        if (gaveUp.isEmpty()) {
            return Judgement.failed("the sender waited for the answer held " + ScenarioContext.seconds(hold)
                            + " instead of giving up at its timeout", expected, "no close before the held answer was sent",
                    List.of(first.evidence(committedAt, "answer held " + hold.toMillis() + " ms; the sender kept waiting")));
        }
        Duration after = Duration.ofMillis(gaveUp.get().afterMillis());
        if (after.minus(timeout).abs().compareTo(tolerance) > 0) {
            return Judgement.failed("the sender gave up " + ScenarioContext.seconds(after) + " after sending, not at its "
                            + ScenarioContext.seconds(timeout) + " timeout", expected, "closed after " + ScenarioContext.seconds(after),
                    List.of(first.evidence(committedAt, "the sender closed its connection after " + after.toMillis() + " ms")));
        }
        return Judgement.passed();
    }
}
