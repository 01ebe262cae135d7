package org.replkit.conformance.senderverify;

import java.time.Duration;
import java.util.Locale;
import org.replkit.sender.SenderTiming;

/**
 * The timing the sender is judged against: the spec's (every 5 s, 5 s timeout, retries after 5, 10
 * and 20 s) or, with --timing fast, the kit's scaled-down one for senders configured that way (every
 * second, 1 s timeout, retries after 1, 2 and 4 s). Tolerances are in seconds, not ticks: a foreign
 * sender has no ticks.
 */
public record ExpectedTiming(String name, SenderTiming figures) {

    /** How far a request's way out of a sender may vary: a retry may come this much before its backoff. */
    public static final Duration EARLY_TOLERANCE = Duration.ofMillis(500);
    /** Slack on top of cadence-based upper bounds, for a busy machine. */
    public static final Duration LATE_TOLERANCE = Duration.ofSeconds(1);
    /**
     * pg_net's worker waits up to a second between passes (the stand-in does the same): a change queued
     * just after a pass began goes out at the next one.
     */
    public static final Duration PASS_WAIT = Duration.ofSeconds(1);
    /** How far from the timeout the sender may give up. */
    public static final Duration TIMEOUT_TOLERANCE = Duration.ofMillis(500);

    public static ExpectedTiming parse(String text) {
        return switch (text == null ? "spec" : text.trim().toLowerCase(Locale.ROOT)) {
            case "spec" -> new ExpectedTiming("spec", SenderTiming.SPEC);
            case "fast" -> new ExpectedTiming("fast", SenderTiming.FAST);
            default -> throw new IllegalArgumentException("--timing must be spec or fast, not " + text);
        };
    }

    public Duration cadence() {
        return Duration.ofSeconds(figures.cadenceSeconds());
    }

    public Duration timeout() {
        return Duration.ofMillis(figures.timeoutMillis());
    }

    /** The wait before retry n (1-based); the last value repeats. */
    public Duration backoff(int retry) {
        var list = figures.backoffSeconds();
        double s = list.get(Math.min(Math.max(retry, 1), list.size()) - 1);
        return Duration.ofMillis(Math.round(s * 1000));
    }

    public int retries() {
        return figures.maxRetries();
    }

    /**
     * How long a committed change may take to arrive: one cadence, plus a held pass-mate's timeout, plus
     * the wait between passes, plus slack.
     */
    public Duration arrivalBound() {
        return cadence().plus(timeout()).plus(PASS_WAIT).plus(LATE_TOLERANCE);
    }

    /** The longest wait between two probes of a paused receiver the kit allows (SND-PAUSE-01's cap, 60 s by default). */
    public static final Duration PROBE_CAP = Duration.ofSeconds(60);

    /** The whole retry schedule: the sum of every retry's backoff (35 s at the spec's timing). */
    public Duration retrySchedule() {
        Duration sum = Duration.ZERO;
        for (int i = 1; i <= retries(); i++) {
            sum = sum.plus(backoff(i));
        }
        return sum;
    }

    /**
     * An outage longer than the retry schedule of a change committed as it began (plus a cadence
     * for its first attempt, one for its last retry, a timeout and slack): a sender that gives up
     * after its retries has given up by its end.
     */
    public Duration longOutage() {
        return retrySchedule().plus(cadence().multipliedBy(2)).plus(timeout()).plus(LATE_TOLERANCE);
    }

    /**
     * How long after a receiver that was down for {@code down} comes back the sender may take to
     * reach it: probes double, so the next one is at most as far off as the outage was long (and no
     * further than the cap), then one delivery's arrival bound.
     */
    public Duration backAfter(Duration down) {
        Duration probe = down.compareTo(PROBE_CAP) < 0 ? down : PROBE_CAP;
        return probe.plus(arrivalBound()).plus(LATE_TOLERANCE);
    }

    public String describe() {
        return name + " (every " + figures.cadenceSeconds() + " s, timeout " + figures.timeoutMillis() + " ms, backoff "
                + figures.backoffSeconds() + " s, " + figures.maxRetries() + " retries)";
    }
}
