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

    /** How long a committed change may take to arrive: one cadence, plus a held pass-mate's timeout, plus slack. */
    public Duration arrivalBound() {
        return cadence().plus(timeout()).plus(LATE_TOLERANCE);
    }

    public String describe() {
        return name + " (every " + figures.cadenceSeconds() + " s, timeout " + figures.timeoutMillis() + " ms, backoff "
                + figures.backoffSeconds() + " s, " + figures.maxRetries() + " retries)";
    }
}
