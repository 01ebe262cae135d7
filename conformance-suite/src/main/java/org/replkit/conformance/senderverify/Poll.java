package org.replkit.conformance.senderverify;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;

/** The one wait loop of verify-sender: look again, after a pause, until what is seen is done or the moment passes. */
final class Poll {

    /** A look at the receiver's or the sender's state; may throw (a status query's SQLException). */
    interface Look<T, E extends Exception> {
        T get() throws E;
    }

    private Poll() {}

    /** @return what the last look saw: done, or the state when {@code until} passed */
    static <T, E extends Exception> T until(Instant until, Duration pause, Look<T, E> look, Predicate<? super T> done)
            throws E, InterruptedException {
        T seen = look.get();
        while (!done.test(seen) && Instant.now().isBefore(until)) {
            Thread.sleep(pause.toMillis());
            seen = look.get();
        }
        return seen;
    }
}
