package org.replkit.conformance.senderverify;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.replkit.spec.SyncTable;

/**
 * SND-ORDER-01: a record's first snapshot is answered 503 (and its first retry too); right after the
 * first 503, a newer snapshot is committed. No request may carry an older snapshot once a newer one was acknowledged.
 */
public final class OrderScenario implements SenderScenario {

    @Override
    public String requirementId() {
        return "SND-ORDER-01";
    }

    @Override
    public String title() {
        return "an older snapshot never arrives after a newer one was acknowledged (first snapshot answered 503 twice, then an UPDATE)";
    }

    @Override
    public Phase phase() {
        return Phase.PARALLEL;
    }

    @Override
    public Judgement run(ScenarioContext c) throws Exception {
        ExpectedTiming t = c.timing();
        UUID id = UUID.randomUUID();
        // Snapshot 1 fails twice, so its second retry comes a whole backoff after the tick that may
        // carry snapshot 2: a sender that lets the newer snapshot overtake shows it every time.
        java.util.concurrent.atomic.AtomicInteger firstSnapshotAttempts = new java.util.concurrent.atomic.AtomicInteger();
        c.receiver(SyncTable.PATTERNS).script(id.toString(), (attempt, request) ->
                request.version().orElse(0L) == 1 && firstSnapshotAttempts.incrementAndGet() <= 2
                        ? Reply.status(503) : Reply.ok(id.toString()));
        c.insert(SyncTable.PATTERNS, id);
        List<Arrival> got = c.awaitCount(SyncTable.PATTERNS, id, 1, t.arrivalBound().multipliedBy(3));
        if (got.isEmpty()) {
            return Judgement.cantTell("record " + id + " never arrived (SND-CAD-01's to judge)", List.of());
        }
        c.update(SyncTable.PATTERNS, id, 2);
        // Long enough for the two retries of snapshot 1 and then snapshot 2, each a cadence late at most.
        Instant until = got.get(0).at().plus(t.backoff(1)).plus(t.backoff(2)).plus(t.arrivalBound().multipliedBy(3));
        got = c.await(SyncTable.PATTERNS, id, a -> acknowledged(a, 1) && acknowledged(a, 2), Duration.between(Instant.now(), until));
        long newestAcknowledged = 0;
        for (Arrival a : got) {
            long v = a.version().orElse(0L);
            if (v < newestAcknowledged) {
                return Judgement.failed("snapshot " + v + " arrived after snapshot " + newestAcknowledged + " was acknowledged",
                        "no older snapshot after a newer one was acknowledged",
                        "snapshot " + v + " at " + a.at() + " after snapshot " + newestAcknowledged, c.evidence(got, id));
            }
            if (a.acknowledged()) {
                newestAcknowledged = Math.max(newestAcknowledged, v);
            }
        }
        if (newestAcknowledged < 2) {
            return Judgement.cantTell("snapshot 2 of record " + id + " was not acknowledged in time, so the order could not be seen"
                    + " in full (SND-DELIV-01's to judge)", c.evidence(got, id));
        }
        return Judgement.passed();
    }

    private static boolean acknowledged(List<Arrival> arrivals, long version) {
        return arrivals.stream().anyMatch(a -> a.acknowledged() && a.version().orElse(0L) == version);
    }
}
