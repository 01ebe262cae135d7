package org.replkit.sender;

import java.util.List;

/**
 * The sender's timing: how often pg_cron sends (cadence, 1 to 59 s: pg_cron's finest schedule is one
 * second), the per-request timeout, the waits before retry 1, 2, 3... and how many retries there are.
 *
 * @param cadenceSeconds seconds between two dispatch ticks
 * @param timeoutMillis  per-request timeout handed to net.http_post
 * @param backoffSeconds wait before each retry, counted from the failed attempt (last value repeats)
 * @param maxRetries     retries after the first attempt; the item is failed when the last one fails
 */
public record SenderTiming(int cadenceSeconds, int timeoutMillis, List<Double> backoffSeconds, int maxRetries) {

    /** The spec's: every 5 s, 5 s timeout, retries after 5, 10 and 20 s, 3 retries. */
    public static final SenderTiming SPEC = new SenderTiming(5, 5000, List.of(5.0, 10.0, 20.0), 3);

    /** For tests: a tick every second, 1 s timeout, retries after 1, 2 and 4 s, 3 retries. */
    public static final SenderTiming FAST = new SenderTiming(1, 1000, List.of(1.0, 2.0, 4.0), 3);

    public SenderTiming {
        if (cadenceSeconds < 1 || cadenceSeconds > 59) {
            throw new IllegalArgumentException("cadenceSeconds must be between 1 and 59, got " + cadenceSeconds);
        }
        if (timeoutMillis <= 0) {
            throw new IllegalArgumentException("timeoutMillis must be positive, got " + timeoutMillis);
        }
        backoffSeconds = List.copyOf(backoffSeconds);
        if (backoffSeconds.isEmpty() || backoffSeconds.stream().anyMatch(b -> b < 0)) {
            throw new IllegalArgumentException("backoffSeconds needs at least one value, none negative");
        }
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must not be negative, got " + maxRetries);
        }
    }
}
