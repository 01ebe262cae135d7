package org.replkit.conformance.checks.support;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.replkit.conformance.http.Gate;
import org.replkit.conformance.model.CannotTell;
import org.replkit.conformance.model.EndpointKind;
import org.replkit.conformance.model.Exchange;

/**
 * Keeps a run short against a slow receiver and bounded overall, without letting a passing stall
 * change a verdict. Lateness is SYNC-TIME-01's to judge: any other check takes a late answer as it
 * comes (a busy machine can stall one answer) and goes on; after {@link #LATE_IN_A_ROW} late answers
 * in a row from one endpoint it is "too slow": the check waiting ends as cantTell and the rest of the
 * endpoint's checks are not run. No answer at all within the kit's wait also ends a check as
 * cantTell. Past the run's deadline nothing more is sent.
 */
public final class RunGuard {

    /** Late answers in a row after which the kit stops asking an endpoint anything but SYNC-TIME-01. */
    public static final int LATE_IN_A_ROW = 3;

    private final Duration senderTimeout;
    private final Duration maxDuration;
    private final long deadlineNanos;
    private final Map<EndpointKind, AtomicInteger> lateInARow = new ConcurrentHashMap<>();

    public RunGuard(Duration senderTimeout, Duration maxDuration) {
        this.senderTimeout = senderTimeout;
        this.maxDuration = maxDuration;
        this.deadlineNanos = System.nanoTime() + maxDuration.toNanos();
    }

    /** Why nothing more should be sent in this run, if so. */
    public Optional<String> pastDeadline() {
        return System.nanoTime() > deadlineNanos
                ? Optional.of("the run reached its --max-duration of " + human(maxDuration) + " before this check")
                : Optional.empty();
    }

    /** Why the endpoint's checks (other than the timeliness ones) are not run, if they are not. */
    public Optional<String> tooSlow(EndpointKind kind) {
        int late = lateInARow.computeIfAbsent(kind, k -> new AtomicInteger()).get();
        if (late < LATE_IN_A_ROW) {
            return Optional.empty();
        }
        return Optional.of("not run: " + late + " answers in a row came after the sender's " + senderTimeout.toMillis()
                + " ms timeout (SYNC-TIME-01 judges that)");
    }

    /** True when the exchange's answer came too late for the sender, or not at all within the kit's wait. */
    public boolean late(Exchange e) {
        return e.timedOut() || (e.status() != null && e.millis() > senderTimeout.toMillis());
    }

    Gate gate(EndpointKind kind, boolean judgesLateness) {
        AtomicInteger late = lateInARow.computeIfAbsent(kind, k -> new AtomicInteger());
        return new Gate() {
            @Override
            public void beforeSend() {
                pastDeadline().ifPresent(why -> {
                    throw new CannotTell(why);
                });
            }

            @Override
            public void afterAnswer(Exchange e) {
                if (!late(e)) {
                    if (e.status() != null) {
                        late.set(0);
                    }
                    return;
                }
                int inARow = late.incrementAndGet();
                if (!judgesLateness && (e.timedOut() || inARow >= LATE_IN_A_ROW)) {
                    throw new CannotTell((e.timedOut() ? "no answer within " + e.millis() + " ms" : inARow
                            + " answers in a row took longer than the sender's " + senderTimeout.toMillis()
                            + " ms timeout, the last " + e.millis() + " ms") + ": the sender would have given up",
                            "SYNC-TIME-01", java.util.List.of(e));
                }
            }
        };
    }

    private static String human(Duration d) {
        long s = d.toSeconds();
        return s % 60 == 0 ? (s / 60) + "m" : s + "s";
    }
}
