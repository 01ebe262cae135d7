package org.replkit.conformance.senderverify;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.replkit.spec.SyncTable;

/**
 * SND-ORDER-01: the first request of a record's snapshot 1 is held past the timeout, and snapshot 2 is
 * committed as soon as that request arrives, so a newer snapshot exists while the older one is still in
 * flight. The sender gives up on snapshot 1 at its timeout and owes it a retry; no request may carry
 * snapshot 1 once snapshot 2 was acknowledged. A sender that sends snapshot 2 while snapshot 1 is in
 * flight retries snapshot 1 afterwards and fails. (A sender that coalesces waiting snapshots supersedes
 * snapshot 1 once it is back to waiting behind snapshot 2; one that does not sends it first. Both pass.
 * A snapshot answered at once and waiting out its backoff would show nothing on a coalescing sender.)
 * Runs with the timeout scenario, before the others: on pg_net the held answer delays every request
 * of its pass. It runs on a receiver of its own, so that its give-up and the timeout scenario's are
 * each the only failure of their instance: two records failing in a row would pause a shared
 * receiver on a sender that pauses unreachable instances (SND-PAUSE-01), and every other scenario
 * with it.
 */
public final class OrderScenario extends SenderScenario {

    public OrderScenario() {
        super("SND-ORDER-01", Phase.ALONE,
                "an older snapshot never arrives after a newer one was acknowledged (snapshot 1 held past the timeout, "
                        + "snapshot 2 committed meanwhile)");
    }

    @Override
    public Judgement run(ScenarioContext c) throws Exception {
        ExpectedTiming t = c.timing();
        UUID id = UUID.randomUUID();
        Duration hold = t.timeout().plusSeconds(1);
        AtomicInteger firstSnapshotAttempts = new AtomicInteger();
        ScriptedReceiver own = c.ownReceiver(SyncTable.PATTERNS);
        // A retry of snapshot 1 is answered a little late (well inside the timeout): a sender that sends
        // it beside snapshot 2 in one pass then has snapshot 2 acknowledged first, whichever request
        // reaches the receiver first.
        long retryAnswerMillis = Math.min(300, t.timeout().toMillis() / 3);
        own.script(id.toString(), (attempt, request) -> {
            if (request.version().orElse(0L) != 1) {
                return Reply.ok(id.toString());
            }
            return firstSnapshotAttempts.incrementAndGet() == 1 ? Reply.ok(id.toString()).held(hold.toMillis())
                    : Reply.ok(id.toString()).held(retryAnswerMillis);
        });
        // A first record answered at once, so the receiver is one the sender has heard from: a sender
        // that sends one request at a time to a receiver that never answered (SND-PAUSE-01's fan-out
        // rule) would otherwise send snapshot 1's retry before snapshot 2 whatever its order rules.
        c.firstArrival(own, UUID.randomUUID(), " before the held one");
        List<Arrival> got = c.firstArrival(own, id, ", so no answer could be held");
        c.update(SyncTable.PATTERNS, id, 2);
        // Long enough for snapshot 2, and for a retry of snapshot 1 after it: the give-up, then the first
        // backoff, then at most a cadence + timeout + 1 s late.
        Instant until = got.get(0).at().plus(hold).plus(t.backoff(1)).plus(t.arrivalBound());
        got = own.await(id, a -> false, Duration.between(Instant.now(), until));
        // In the order the receiver acknowledged them (arrival + the answer's hold); a held answer past
        // the timeout is no acknowledgement: the sender gave up (SND-TIME-01's to judge if it did not).
        List<Arrival> acknowledged = got.stream()
                .filter(a -> a.acknowledged() && a.heldMillis() < t.timeout().toMillis())
                .sorted(java.util.Comparator.comparing((Arrival a) -> a.at().plusMillis(a.heldMillis())))
                .toList();
        long newestAcknowledged = 0;
        for (Arrival a : acknowledged) {
            long v = a.version().orElse(0L);
            if (v < newestAcknowledged) {
                Instant at = a.at().plusMillis(a.heldMillis());
                return Judgement.failed("snapshot " + v + " was delivered after snapshot " + newestAcknowledged + " was acknowledged",
                        "no older snapshot after a newer one was acknowledged",
                        "snapshot " + v + " acknowledged at " + at + " after snapshot " + newestAcknowledged, c.evidence(got, id));
            }
            newestAcknowledged = Math.max(newestAcknowledged, v);
        }
        if (newestAcknowledged < 2) {
            return Judgement.cantTell("snapshot 2 of record " + id + " was not acknowledged in time, so the order could not be seen"
                    + " in full (SND-DELIV-01's to judge)", c.evidence(got, id));
        }
        return Judgement.passed();
    }
}
