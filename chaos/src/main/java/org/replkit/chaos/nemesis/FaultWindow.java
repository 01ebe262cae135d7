package org.replkit.chaos.nemesis;

import java.time.Duration;

/**
 * One planned fault: what, on what, from when (counted from the start of the writes) and for how long.
 *
 * @param number      1, 2, ... in time order
 * @param target      a lane name (one receiver instance), "all lanes", "receiver" (the process), "sender", or
 *                    "gone" (the instance of its own that the gone fault removes)
 * @param delayMillis for {@link FaultKind#LATENCY}: how long each request is held; for {@link FaultKind#OVERLOAD}:
 *                    the Retry-After given (whole seconds, in milliseconds); else 0
 */
public record FaultWindow(int number, FaultKind kind, String target, Duration start, Duration length, long delayMillis) {

    public static final String ALL_LANES = "all lanes";
    public static final String RECEIVER = "receiver";
    public static final String SENDER = "sender";
    public static final String GONE_LANE = "gone";

    FaultWindow numbered(int n) {
        return new FaultWindow(n, kind, target, start, length, delayMillis);
    }

    public Duration end() {
        return start.plus(length);
    }

    /** One line for the console and the report, e.g. "#3 t=41.2s latency on patterns for 6.1s (each request held 9.8s)". */
    public String describe() {
        String what = switch (kind) {
            case RECEIVER_KILL -> "receiver killed, down for " + seconds(length);
            case SENDER_CRASH -> "sender's PostgreSQL stopped (-m immediate), down for " + seconds(length);
            case LONG_OUTAGE -> "long outage (every connection reset) on " + target + " for " + seconds(length);
            case OVERLOAD -> "overload (429, Retry-After: " + delayMillis / 1000 + ") on " + target + " for " + seconds(length);
            case GONE -> "gone (410) on the instance '" + target + "' from here to the end of the run";
            default -> kind.label() + " on " + target + " for " + seconds(length)
                    + (kind == FaultKind.LATENCY ? " (each request held " + seconds(Duration.ofMillis(delayMillis)) + ")" : "");
        };
        return "#" + number + " t=" + seconds(start) + " " + what;
    }

    static String seconds(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
    }
}
