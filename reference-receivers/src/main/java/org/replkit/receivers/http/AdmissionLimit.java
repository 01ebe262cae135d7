package org.replkit.receivers.http;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.replkit.spec.Enforces;

/**
 * SYNC-SHED-01: an overloaded receiver sheds load instead of answering late. At most
 * {@code maxInFlight} deliveries are handled at once; a delivery that cannot start within
 * {@code maxWait} is answered 503 with {@code Retry-After} and the error body at once, before
 * anything of it is stored, rather than queueing past the sender's 5 s timeout (a late answer is a
 * failed attempt the sender sends again anyway). The limit is shared by both sync endpoints.
 *
 * <p>The defaults do not shed at a load the receivers answer within the timeout: a delivery waits
 * for its turn up to 2 s, which leaves the rest of the timeout for the store.
 */
public final class AdmissionLimit {

    public static final int DEFAULT_MAX_IN_FLIGHT = 64;
    public static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(2);
    /** What a shed delivery (and a delivery the store could not take) is told: come back at the next tick. */
    public static final int RETRY_AFTER_SECONDS = 5;
    public static final String RETRY_AFTER = "Retry-After";

    private final int maxInFlight;
    private final Duration maxWait;
    private final Semaphore permits;

    public AdmissionLimit(int maxInFlight, Duration maxWait) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("the admission limit must allow at least 1 delivery in flight, not " + maxInFlight);
        }
        if (maxWait.isNegative()) {
            throw new IllegalArgumentException("the admission wait must be 0 ms or more, not " + maxWait.toMillis() + " ms");
        }
        this.maxInFlight = maxInFlight;
        this.maxWait = maxWait;
        this.permits = new Semaphore(maxInFlight, true);
    }

    public static AdmissionLimit defaults() {
        return new AdmissionLimit(DEFAULT_MAX_IN_FLIGHT, DEFAULT_MAX_WAIT);
    }

    /** The handler run under the limit: a delivery that gets no turn within the wait is shed. */
    @Enforces("SYNC-SHED-01")
    public Handler around(Handler delivery) {
        return ctx -> {
            if (!permits.tryAcquire(maxWait.toMillis(), TimeUnit.MILLISECONDS)) {
                shed(ctx); // SYNC-SHED-01: 503 + Retry-After now, not an answer after the sender's timeout
                return;
            }
            try {
                delivery.handle(ctx);
            } finally {
                permits.release();
            }
        };
    }

    /** 503 with Retry-After and the contract's error body; nothing of the delivery was read or stored. */
    static void shed(Context ctx) {
        retryAfter(ctx);
        JsonResponses.error(ctx, 503, "overloaded", "the receiver is busy; nothing was stored; retry after "
                + RETRY_AFTER_SECONDS + " s");
    }

    /** Every 503 of the receivers says when to come back (SYNC-SHED-01). */
    static void retryAfter(Context ctx) {
        ctx.header(RETRY_AFTER, String.valueOf(RETRY_AFTER_SECONDS));
    }

    public int maxInFlight() {
        return maxInFlight;
    }

    public Duration maxWait() {
        return maxWait;
    }

    /** For the startup line: "64 deliveries in flight, 2000 ms wait". */
    public String describe() {
        return maxInFlight + " deliveries in flight, then up to " + maxWait.toMillis() + " ms in line";
    }
}
