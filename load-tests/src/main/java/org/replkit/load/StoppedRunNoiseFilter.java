package org.replkit.load;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.concurrent.RejectedExecutionException;

/**
 * Drops what Gatling logs once a run stopped its load generator with deliveries still in flight
 * (the cliff profile stops with thousands): answers arriving after its actors' thread pool shut
 * down, and users injected meanwhile, make actors, feeders, hooks and requests "crash" or "fail"
 * by the thousand, with stack traces that say nothing about the receiver or the run. Gatling's
 * pools reject work only once shut down; its other errors are dropped only after the simulation
 * said it stopped ({@link #runStopped}). A run that crashes is reported through
 * {@link CrashReasonAppender}, which this does not filter.
 */
public final class StoppedRunNoiseFilter extends Filter<ILoggingEvent> {

    private static final String REJECTED = RejectedExecutionException.class.getName();
    private static final String GATLING = "io.gatling.";

    private static volatile boolean stopped;

    /** Called by a simulation as it stops its load generator: from then on Gatling's errors are the stop's. */
    public static void runStopped() {
        stopped = true;
    }

    @Override
    public FilterReply decide(ILoggingEvent event) {
        return isNoise(event, stopped) ? FilterReply.DENY : FilterReply.NEUTRAL;
    }

    static boolean isNoise(ILoggingEvent event, boolean runStopped) {
        if (runStopped && event.getLoggerName().startsWith(GATLING)) {
            return true;
        }
        for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
            if (REJECTED.equals(t.getClassName())) {
                return true;
            }
        }
        String message = event.getFormattedMessage();
        // Gatling's feeder writes the exception into its message, abbreviated: 'j.u.c.RejectedExecutionException: …'
        return message != null && message.contains(RejectedExecutionException.class.getSimpleName() + ": ");
    }

    /** Whether an exception no thread caught is the same noise: a task handed to a pool already shut down. */
    static boolean isStoppedPoolNoise(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RejectedExecutionException) {
                return true;
            }
        }
        return false;
    }
}
