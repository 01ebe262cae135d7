package org.replkit.chaos.check;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.replkit.chaos.history.Event;

/**
 * SND-RETRY-01: a failed item says why (last_error) and failed only after its retries were used up
 * (or at once, for an answer that is not worth retrying); every retry waited its backoff (5, 10, 20 s
 * at the spec's timing, counted from the start of the tick that sent the failed attempt, as the
 * sender documents) and went out no later than the first tick after the backoff and the failure had
 * both passed. Retries that straddle a sender crash are exempt from the latest-time bound: no tick
 * runs while the sender is down.
 *
 * <p>SND-RETRYAFTER-01: a 429 is a retry, never a loss: an item failed on a 429 is a problem, a 429's attempt does not
 * count toward the retries, and the next attempt waits at least the Retry-After the overload fault
 * gave. Under outage_policy 'pause' (the history's sender_policy), an attempt that met an outage of
 * the whole instance (no answer, 502/503/504, 429) does not count either, its item must not fail on
 * it while a fault held the whole instance down, and the next attempt follows the sender's probes
 * rather than the item's backoff.
 */
public final class RetriesFollowSchedule extends HistoryProperty {

    /** The dispatcher sends a retry up to 100 ms before it is due (pg_cron's start-up jitter); a little more for clocks. */
    static final Duration EARLY_TOLERANCE = Duration.ofMillis(150);
    /** Without the ticks' start times, an attempt's own send time stands in for its tick's: this much later at most. */
    static final Duration NO_TICKS_TOLERANCE = Duration.ofMillis(750);

    public RetriesFollowSchedule() {
        super("retries", List.of("SND-RETRY-01", "SND-RETRYAFTER-01"), true,
                "Every failed item has a last_error and used its retries; retry gaps follow the backoff schedule and any Retry-After; "
                + "a 429 never fails an item.");
    }

    @Override
    protected PropertyVerdict judge(Observed o) {
        Event.Timing timing = o.run().timing();
        Duration lateSlack = Duration.ofMillis(Math.max(2_000, timing.cadenceS() * 1000L)).plusSeconds(timing.cadenceS());
        List<Observed.Window> crashes = o.faultWindows().stream().filter(w -> w.kind().equals("sender-crash")).toList();
        List<Instant> ticks = o.history().all(Event.Tick.class).stream().map(Event.Tick::start).sorted().toList();
        List<Observed.Window> overloads = o.faultWindows().stream().filter(w -> w.kind().equals("overload")).toList();
        boolean pauses = o.pausesOnOutage();
        List<Problem> problems = new ArrayList<>();
        long failed = 0;
        long retries = 0;
        for (Event.Lane lane : o.lanes()) {
            for (Event.Item item : o.items(lane.lane())) {
                List<Event.Attempt> attempts = o.attempts(item.queueId());
                java.util.function.Predicate<Event.Attempt> counts = a -> counts(a, pauses && wholeInstanceDown(o, lane.lane(), a));
                if (item.status().equals("failed")) {
                    failed++;
                    if (item.lastError() == null || item.lastError().isBlank()) { // SND-RETRY-01: failed says why
                        problems.add(new Problem("failed without a reason", lane.lane(), item.recordId(), "a last_error",
                                "none (queue id " + item.queueId() + ")"));
                    }
                    Integer last = item.lastStatusCode();
                    long used = pauses ? attempts.stream().filter(counts).count() : item.attempts();
                    if (last != null && last == 429) { // SND-RETRYAFTER-01: a 429 says "later": it never fails an item
                        problems.add(new Problem("429 treated as final", lane.lane(), item.recordId(),
                                "a 429 retried after its Retry-After, never failed",
                                "failed after " + item.attempts() + " attempt(s), the last answered 429 (queue id " + item.queueId() + ")"));
                    } else if (pauses && Outcomes.instanceWide(last) && !attempts.isEmpty()
                            && wholeInstanceDown(o, lane.lane(), attempts.get(attempts.size() - 1))) {
                        // the instance was down as a whole: its items wait (a failure of this record alone keeps the schedule)
                        problems.add(new Problem("failed during an outage", lane.lane(), item.recordId(),
                                "kept pending while the instance was unreachable or overloaded (outage_policy 'pause')",
                                "failed on " + describe(item) + " (queue id " + item.queueId() + ")"));
                    } else if (Outcomes.retryable(last) && used < timing.maxRetries() + 1) {
                        problems.add(new Problem("gave up early", lane.lane(), item.recordId(),
                                (timing.maxRetries() + 1) + " attempts before failing on a retryable outcome",
                                item.attempts() + " (last: " + describe(item) + ")"));
                    }
                }
                long counted = attempts.stream().filter(counts).count();
                if (counted > timing.maxRetries() + 1) {
                    problems.add(new Problem("too many attempts", lane.lane(), item.recordId(),
                            "at most " + (timing.maxRetries() + 1) + (pauses ? " that met a failure of the record's own" : ""),
                            counted + " (queue id " + item.queueId() + ")"));
                }
                for (int k = 0; k + 1 < attempts.size(); k++) {
                    retries++;
                    Event.Attempt before = attempts.get(k);
                    Event.Attempt after = attempts.get(k + 1);
                    if (Outcomes.success(before.statusCode())) {
                        problems.add(new Problem("retried after a success", lane.lane(), item.recordId(),
                                "no attempt after a 2xx", "attempt " + after.attempt() + " at " + after.sentAt()));
                        continue;
                    }
                    Duration retryAfter = retryAfter(before, lane.lane(), overloads);
                    if (retryAfter != null && after.sentAt().isBefore(before.sentAt().plus(retryAfter).minus(EARLY_TOLERANCE))) { // SND-RETRYAFTER-01
                        // Retry-After honoured: the answer came after the attempt was sent, so this bound is the loosest fair one.
                        problems.add(new Problem("retry before Retry-After", lane.lane(), item.recordId(),
                                "no retry sooner than the " + seconds(retryAfter) + " the 429 asked for",
                                seconds(Duration.between(before.sentAt(), after.sentAt())) + " after the attempt it answered (queue id "
                                        + item.queueId() + ")"));
                    }
                    if (pauses && Outcomes.instanceWide(before.statusCode()) && wholeInstanceDown(o, lane.lane(), before)) {
                        continue; // a paused instance is probed on its own schedule, not the item's backoff
                    }
                    Duration backoff = Duration.ofMillis(Math.round(1000 * backoff(timing, before.attempt())));
                    // The backoff counts from the start of the tick that sent the failed attempt.
                    Instant tick = tickStart(ticks, before.sentAt());
                    Instant earliest = (tick != null ? tick : before.sentAt().minus(NO_TICKS_TOLERANCE)).plus(backoff).minus(EARLY_TOLERANCE);
                    if (after.sentAt().isBefore(earliest)) { // SND-RETRY-01: the backoff is waited
                        problems.add(new Problem("retry too early", lane.lane(), item.recordId(),
                                "retry " + before.attempt() + " at least " + seconds(backoff) + " after the tick that sent attempt "
                                        + before.attempt() + (tick != null ? " (" + tick + ")" : ""),
                                seconds(Duration.between(tick != null ? tick : before.sentAt(), after.sentAt()))
                                        + " (queue id " + item.queueId() + ")"));
                    }
                    Duration wait = retryAfter != null && retryAfter.compareTo(backoff) > 0 ? retryAfter : backoff;
                    Instant due = later(before.finishedAt() == null ? before.sentAt() : before.finishedAt(), before.sentAt().plus(wait));
                    Instant latest = due.plus(lateSlack);
                    boolean senderWasDown = crashes.stream().anyMatch(w -> w.overlaps(before.sentAt(), after.sentAt()));
                    if (after.sentAt().isAfter(latest) && !senderWasDown) {
                        problems.add(new Problem("retry too late", lane.lane(), item.recordId(),
                                "retry " + before.attempt() + " by " + latest + " (backoff " + seconds(wait)
                                        + " after the attempt, or the first tick after its failure, plus " + seconds(lateSlack) + ")",
                                "sent at " + after.sentAt() + " (queue id " + item.queueId() + ")"));
                    }
                }
            }
        }
        return verdict(problems, failed + " failed item(s), each explained; " + retries + " retries on schedule",
                problems.size() + " problem(s) with failures or retry timing", Map.of("failed_items", failed, "retries_checked", retries));
    }

    /**
     * Whether an attempt counts toward the item's retries: a 429 never does, and while the sender
     * pauses instances that are down as a whole, neither does one that met such an outage.
     *
     * @param pausedInstance the sender pauses on outages, and this attempt met a fault of its whole instance
     */
    static boolean counts(Event.Attempt a, boolean pausedInstance) {
        Integer status = a.statusCode();
        if (status != null && status == 429) {
            return false;
        }
        return !(pausedInstance && Outcomes.instanceWide(status));
    }

    /**
     * Whether an attempt met a fault of the whole instance (any fault on its lane, or the receiver's
     * kill): a failure then belongs to the instance; outside any, a failure belongs to the record.
     */
    static boolean wholeInstanceDown(Observed o, String lane, Event.Attempt attempt) {
        Instant from = attempt.sentAt().minusSeconds(1);
        Instant to = (attempt.finishedAt() != null ? attempt.finishedAt() : attempt.sentAt()).plusSeconds(1);
        return o.faultWindows().stream()
                .filter(w -> w.target().equals(lane) || w.target().equals("all lanes") || w.target().equals("receiver"))
                .anyMatch(w -> w.overlaps(from, to));
    }

    /** The Retry-After the overload fault gave an attempt answered 429 on this lane, or null. */
    static Duration retryAfter(Event.Attempt a, String lane, List<Observed.Window> overloads) {
        if (a.statusCode() == null || a.statusCode() != 429) {
            return null;
        }
        Instant sent = a.sentAt();
        return overloads.stream()
                .filter(w -> w.delayMs() != null && (w.target().equals(lane) || w.target().equals("all lanes")))
                .filter(w -> w.overlaps(sent.minusSeconds(1), sent.plusSeconds(1)))
                .map(w -> Duration.ofMillis(w.delayMs())).findFirst().orElse(null);
    }

    /** The start of the last tick that began at or before {@code sent}, or null when the ticks are not known. */
    static Instant tickStart(List<Instant> ticks, Instant sent) {
        int i = java.util.Collections.binarySearch(ticks, sent);
        int at = i >= 0 ? i : -i - 2;
        return at >= 0 ? ticks.get(at) : null;
    }

    /** The wait before retry n (1-based), as replication.backoff_for computes it: past the list's end the last value repeats. */
    static double backoff(Event.Timing timing, int retry) {
        List<Double> b = timing.backoffS();
        return b.get(Math.min(Math.max(retry, 1), b.size()) - 1);
    }

    private static String describe(Event.Item item) {
        return item.lastStatusCode() != null ? "HTTP " + item.lastStatusCode() : String.valueOf(item.lastError());
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    static String seconds(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.2f s", d.toMillis() / 1000.0);
    }
}
