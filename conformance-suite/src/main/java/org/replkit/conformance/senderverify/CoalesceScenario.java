package org.replkit.conformance.senderverify;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.replkit.spec.SyncTable;

/**
 * SND-COALESCE-01, on a receiver of the scenario's own: it answers 503 to everything while one
 * record is updated {@link #UPDATES} times, then, once the attempts in flight have ended, comes back.
 * The record's newest snapshot must arrive, in fewer deliveries after the receiver came back than
 * there were updates: a sender that sends every waiting snapshot has not coalesced them. cantTell
 * when the newest snapshot never arrives (SND-PAUSE-01's and SND-DELIV-01's to judge).
 */
public final class CoalesceScenario extends SenderScenario {

    static final int UPDATES = 4;

    public CoalesceScenario() {
        super("SND-COALESCE-01", Phase.PARALLEL,
                "a record updated " + UPDATES + " times while the receiver is down arrives, once it is back, as its newest snapshot "
                        + "in fewer deliveries than updates");
    }

    @Override
    public Judgement run(ScenarioContext c) throws Exception {
        ExpectedTiming t = c.timing();
        ScriptedReceiver receiver = c.ownReceiver(SyncTable.PATTERNS);
        receiver.everyRecord((attempt, request) -> Reply.status(503));
        UUID id = UUID.randomUUID();
        // Down from its first request on, whichever record that carried: the record's open snapshots
        // wait at the sender either way.
        Instant downSince = c.firstRequest(receiver, id, "");
        int newest = 1 + UPDATES;
        for (int v = 2; v <= newest; v++) {
            c.update(SyncTable.PATTERNS, id, v);
        }
        // The attempts already on their way end (answered 503) before the receiver comes back.
        ScenarioContext.sleepUntil(Instant.now().plus(t.arrivalBound()));
        receiver.everyRecord(null);
        Instant back = Instant.now();
        Duration down = Duration.between(downSince, back);
        List<Arrival> got = receiver.await(id, a -> a.stream().anyMatch(x -> x.acknowledged() && x.version().orElse(-1L) >= newest),
                t.backAfter(down).plus(t.arrivalBound().multipliedBy(newest)));
        List<Arrival> afterBack = got.stream().filter(a -> !a.at().isBefore(back)).toList();
        if (got.stream().noneMatch(x -> x.acknowledged() && x.version().orElse(-1L) >= newest)) {
            return Judgement.cantTell("snapshot " + newest + " of record " + id + " was not delivered after the receiver came back,"
                    + " so coalescing could not be seen (SND-PAUSE-01's and SND-DELIV-01's to judge)", c.evidence(got, id));
        }
        if (afterBack.size() >= UPDATES) {
            return Judgement.failed(afterBack.size() + " deliveries of record " + id + " after the receiver came back, for "
                            + UPDATES + " updates made while it was down: the waiting snapshots were not coalesced",
                    "fewer than " + UPDATES + " deliveries after the receiver came back, the newest snapshot (" + newest + ") among them",
                    "snapshots " + afterBack.stream().map(a -> a.version().map(String::valueOf).orElse("?")).toList(),
                    c.evidence(got, id));
        }
        return Judgement.passed();
    }
}
