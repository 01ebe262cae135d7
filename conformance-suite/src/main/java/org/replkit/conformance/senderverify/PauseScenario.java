package org.replkit.conformance.senderverify;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.replkit.conformance.model.Exchange;
import org.replkit.spec.SyncTable;

/**
 * SND-PAUSE-01, two receivers of the scenario's own, side by side:
 * <ul>
 *   <li>an outage: the receiver answers 503 to everything for longer than the retry schedule of a
 *       change committed as it began ({@link ExpectedTiming#longOutage()}: 51 s at the spec's timing),
 *       then comes back; every change committed during the outage must then arrive, with no operator
 *       action, within the next probe (at most as far off as the outage was long, 60 s at most) plus
 *       one delivery. Where the sender has the replication schema, none of the instance's items may
 *       have ended failed, and the instance is no longer paused once requests are acknowledged again;</li>
 *   <li>a poison record: the receiver answers 503 to one record and 200 to every other (a 503, since
 *       that is what an outage answers too); the records
 *       committed while the poison one is retried must each arrive within two cadences and a timeout
 *       of their commit, and where the sender has the replication schema the instance is never paused, up to
 *       the poison record's last retry.</li>
 * </ul>
 * A sender that keeps the spec's literal 3 retries (outage_policy 'fail') fails the outage.
 */
public final class PauseScenario extends SenderScenario {

    static final int HEALTHY_RECORDS = 4;

    public PauseScenario() {
        super("SND-PAUSE-01", Phase.PARALLEL,
                "changes committed while the receiver is down longer than the retry schedule arrive once it is back; "
                        + "a record failing alone never holds up the others");
    }

    @Override
    public Judgement run(ScenarioContext c) throws Exception {
        ExecutorService poisonRun = Executors.newSingleThreadExecutor();
        try {
            Future<Judgement> poison = poisonRun.submit(() -> Judgement.of(() -> poisonRecord(c)));
            Judgement outage = Judgement.of(() -> outage(c));
            Judgement alone = poison.get();
            // A failure first, then the kit's own trouble: a verdict never hides a fault behind a cantTell.
            for (Judgement j : List.of(outage, alone)) {
                if (j.outcome() == org.replkit.spec.Outcome.FAILED) {
                    return j;
                }
            }
            return outage.outcome() != org.replkit.spec.Outcome.PASSED ? outage : alone;
        } finally {
            poisonRun.shutdownNow();
        }
    }

    private Judgement outage(ScenarioContext c) throws Exception {
        ExpectedTiming t = c.timing();
        ScriptedReceiver down = c.ownReceiver(SyncTable.PATTERNS);
        // A receiver that was up before it went down: one record answered first (a sender may well treat
        // a receiver it never heard from more carefully, SND-PAUSE-01's fan-out rule).
        c.firstArrival(down, UUID.randomUUID(), " before its outage");
        down.everyRecord((attempt, request) -> Reply.status(503));
        UUID first = UUID.randomUUID();
        // The outage begins with the receiver's first 503, whichever record it answered.
        Instant began = c.firstRequest(down, first, ", so no outage began");
        List<ScenarioContext.Change> during = new ArrayList<>();
        during.add(c.update(SyncTable.PATTERNS, first, 2));
        during.add(c.insert(SyncTable.PATTERNS, UUID.randomUUID()));
        during.add(c.insert(SyncTable.PATTERNS, UUID.randomUUID()));
        Duration outage = t.longOutage();
        ScenarioContext.sleepUntil(began.plus(outage));
        down.everyRecord(null);
        Instant back = Instant.now();
        Instant firstBack = awaitAnyAcknowledged(down, back, t.backAfter(outage));
        String expected = "every change committed during a " + ScenarioContext.seconds(outage) + " outage (503 to everything) "
                + "delivered within " + ScenarioContext.seconds(t.backAfter(outage).plus(t.arrivalBound())) + " of the receiver coming back, "
                + "and once a request was acknowledged again, new changes within " + ScenarioContext.seconds(resumedBound(t)) + " of their commit";
        if (firstBack == null) {
            return Judgement.failed("no request was acknowledged within " + ScenarioContext.seconds(t.backAfter(outage))
                    + " after the receiver came back from a " + ScenarioContext.seconds(outage) + " outage", expected,
                    "nothing acknowledged", c.evidence(down.arrivals(first.toString()), first));
        }
        // Resumed: the first 2xx ends the pause, so changes committed now go out at the usual pace.
        List<ScenarioContext.Change> afterwards = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            afterwards.add(c.insert(SyncTable.PATTERNS, UUID.randomUUID()));
        }
        List<String> lost = new ArrayList<>();
        List<Exchange> evidence = new ArrayList<>();
        Instant drained = back.plus(t.backAfter(outage)).plus(t.arrivalBound());
        for (ScenarioContext.Change change : during) {
            missing(c, down, change, drained, lost, evidence);
        }
        int lostDuring = lost.size();
        for (ScenarioContext.Change change : afterwards) {
            missing(c, down, change, change.committedAt().plus(resumedBound(t)), lost, evidence);
        }
        if (lostDuring > 0) {
            return Judgement.failed(lostDuring + " of " + during.size() + " changes committed during a "
                            + ScenarioContext.seconds(outage) + " outage never arrived after the receiver came back: " + lost.get(0),
                    expected, String.join("; ", lost), evidence);
        }
        if (!lost.isEmpty()) {
            return Judgement.failed("the sender did not resume: " + lost.size() + " of " + afterwards.size() + " changes committed "
                            + "after a request was acknowledged again came late: " + lost.get(0),
                    expected, String.join("; ", lost), evidence);
        }
        Optional<JsonNode> status = c.status(down);
        // Where the sender shows its state: probes alone can carry a small backlog in time, so a breaker
        // that never closes is seen for certain in the state it reports once requests are acknowledged again.
        if (status.isPresent() && "paused".equals(status.get().path("state").asText())) {
            return Judgement.failed("the sender did not resume: requests were acknowledged again, but "
                            + "replication.get_instance_status still says paused since " + status.get().path("paused_since").asText(),
                    expected + ", and the instance active again", "state paused", List.of());
        }
        if (status.isPresent() && status.get().path("failed").asLong() > 0) {
            return Judgement.failed("replication.get_instance_status says " + status.get().path("failed").asLong()
                            + " item(s) of the instance that was down ended failed", expected + ", none ended failed",
                    "failed: " + status.get().path("failed").asLong(), List.of());
        }
        return Judgement.passed();
    }

    private Judgement poisonRecord(ScenarioContext c) throws Exception {
        ExpectedTiming t = c.timing();
        ScriptedReceiver receiver = c.ownReceiver(SyncTable.PATTERNS);
        UUID poison = UUID.randomUUID();
        receiver.script(poison.toString(), (attempt, request) -> Reply.status(503));
        c.firstArrival(receiver, poison, ", so the poison record was never answered 503");
        Duration bound = t.arrivalBound().plus(t.cadence());
        Duration spacing = t.retrySchedule().dividedBy(HEALTHY_RECORDS);
        List<ScenarioContext.Change> healthy = new ArrayList<>();
        String paused = null;
        for (int i = 0; i < HEALTHY_RECORDS; i++) {
            healthy.add(c.insert(SyncTable.PATTERNS, UUID.randomUUID()));
            Instant next = Instant.now().plus(spacing);
            if (paused == null) {
                paused = Poll.until(next, Duration.ofMillis(200), () -> pausedNow(c, receiver), Objects::nonNull);
            }
            ScenarioContext.sleepUntil(next);
        }
        List<String> late = new ArrayList<>();
        List<Exchange> evidence = new ArrayList<>();
        for (ScenarioContext.Change h : healthy) {
            List<Arrival> seen = receiver.await(h.id(), a -> a.stream().anyMatch(Arrival::acknowledged),
                    Duration.between(Instant.now(), h.committedAt().plus(bound)));
            paused = paused != null ? paused : pausedNow(c, receiver);
            if (seen.stream().noneMatch(Arrival::acknowledged)) {
                late.add("record " + h.id() + " not acknowledged within " + ScenarioContext.seconds(bound) + " of its commit");
                evidence.addAll(c.evidence(receiver.arrivals(h.id().toString()), h.id()));
            }
        }
        if (paused == null && c.status(receiver).isPresent()) {
            paused = pausedByTheLastRetry(c, receiver, poison);
        }
        evidence.addAll(0, c.evidence(receiver.arrivals(poison.toString()), poison));
        String expected = "while record " + poison + " alone is answered 503, every other record committed meanwhile arrives "
                + "within " + ScenarioContext.seconds(bound) + " and the instance is never paused";
        if (paused != null) {
            return Judgement.failed("the instance was paused while only the poison record " + poison + " failed and the others "
                    + "were acknowledged (" + paused + ")", expected, paused + (late.isEmpty() ? "" : "; " + String.join("; ", late)),
                    evidence);
        }
        if (!late.isEmpty()) {
            return Judgement.failed("a record failing alone held up the others: " + late.get(0), expected, String.join("; ", late),
                    evidence);
        }
        return Judgement.passed();
    }

    /**
     * Watches the instance's state through the poison record's last retry, until its answer has had an
     * arrival bound to be read. Earlier, the poison record's failures may share a pass with the others'
     * successes, and whether a sender that pauses on one failing record shows it then depends on how
     * the passes fall; its last failure comes when the others are through, alone in its pass.
     *
     * @return a description of the pause seen, or null when the instance stayed unpaused
     */
    private static String pausedByTheLastRetry(ScenarioContext c, ScriptedReceiver receiver, UUID poison) throws Exception {
        ExpectedTiming t = c.timing();
        int attempts = t.retries() + 1;
        Instant firstAttempt = receiver.arrivals(poison.toString()).get(0).at();
        // Each attempt may come as late as an arrival bound after its backoff; a sender that stops
        // sooner (SND-RETRY-01's to judge) is watched until then.
        Instant lastAttemptBy = firstAttempt.plus(t.retrySchedule()).plus(t.arrivalBound().multipliedBy(attempts));
        // A pause seen meanwhile lasts: once the others are through, the poison record (answered 503) is
        // all a paused instance has to probe with.
        List<Arrival> tried = Poll.until(lastAttemptBy, Duration.ofMillis(200), () -> receiver.arrivals(poison.toString()),
                a -> a.size() >= attempts);
        Instant answerRead = tried.get(tried.size() - 1).at().plus(t.arrivalBound());
        return Poll.until(answerRead, Duration.ofMillis(200), () -> pausedNow(c, receiver), Objects::nonNull);
    }

    /** How long a change committed once the receiver was back may take: a cadence more than usual, for the backlog. */
    private static Duration resumedBound(ExpectedTiming t) {
        return t.arrivalBound().plus(t.cadence());
    }

    /** The moment the first request after {@code back} was acknowledged, or null when none was within the limit. */
    private static Instant awaitAnyAcknowledged(ScriptedReceiver r, Instant back, Duration limit) throws InterruptedException {
        return Poll.until(back.plus(limit), Duration.ofMillis(50),
                () -> r.arrivals().stream().filter(a -> a.acknowledged() && !a.at().isBefore(back)).findFirst(), Optional::isPresent)
                .map(Arrival::at).orElse(null);
    }

    /** Waits until {@code until} for the change (or a newer snapshot) to be acknowledged; notes it when it is not. */
    private static void missing(ScenarioContext c, ScriptedReceiver r, ScenarioContext.Change change, Instant until,
                                List<String> lost, List<Exchange> evidence) throws InterruptedException {
        List<Arrival> seen = r.await(change.id(), a -> a.stream()
                .anyMatch(x -> x.acknowledged() && x.version().orElse(-1L) >= change.version()), Duration.between(Instant.now(), until));
        if (seen.stream().noneMatch(x -> x.acknowledged() && x.version().orElse(-1L) >= change.version())) {
            lost.add("record " + change.id() + " (snapshot " + change.version() + ")");
            evidence.addAll(c.evidence(seen, change.id()));
        }
    }

    /** The instance's state where the sender has the replication schema: a description when paused, else null. */
    private static String pausedNow(ScenarioContext c, ScriptedReceiver receiver) throws java.sql.SQLException {
        Optional<JsonNode> status = c.status(receiver);
        if (status.isPresent() && "paused".equals(status.get().path("state").asText())) {
            return "replication.get_instance_status: state paused since " + status.get().path("paused_since").asText();
        }
        return null;
    }
}
