package org.replkit.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.spi.FilterReply;
import java.io.IOException;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;

class StoppedRunNoiseFilterTest {

    private final StoppedRunNoiseFilter filter = new StoppedRunNoiseFilter();
    private final LoggerContext context = new LoggerContext();

    private LoggingEvent event(String message, Throwable t) {
        return new LoggingEvent(getClass().getName(), context.getLogger("io.gatling.core.action.Feed"), Level.ERROR, message, t, null);
    }

    @Test
    void anActorCrashedByAPoolAlreadyShutDownIsDropped() {
        RejectedExecutionException rejected = new RejectedExecutionException("Task rejected from ThreadPoolExecutor[Terminated]");
        assertEquals(FilterReply.DENY, filter.decide(event("Actor feed-14 crashed", rejected)));
        assertEquals(FilterReply.DENY, filter.decide(event("wrapped", new IllegalStateException("x", rejected))));
        assertTrue(StoppedRunNoiseFilter.isStoppedPoolNoise(new RuntimeException(rejected)));
    }

    @Test
    void aFeederThatWroteTheSameExceptionIntoItsMessageIsDropped() {
        assertEquals(FilterReply.DENY, filter.decide(event("'feed-16' crashed with 'j.u.c.RejectedExecutionException: Task "
                + "io.gatling.core.actor.AtomicRunnableActorRef rejected', forwarding to the next one", null)));
    }

    @Test
    void everyOtherProblemIsStillLogged() {
        assertEquals(FilterReply.NEUTRAL, filter.decide(event("Actor feed-14 crashed", new IOException("Too many open files"))));
        assertEquals(FilterReply.NEUTRAL, filter.decide(event("Request timeout to 127.0.0.1", null)));
        assertFalse(StoppedRunNoiseFilter.isStoppedPoolNoise(new IllegalStateException("boom")));
    }

    @Test
    void onceTheRunStoppedGatlingsFailuresAreTheStopsAndOnlyThose() {
        LoggingEvent hook = new LoggingEvent(getClass().getName(), context.getLogger("io.gatling.core.action.builder.SessionHookBuilder"),
                Level.ERROR, "'hook-12' failed to execute: j.u.NoSuchElementException: key not found: sentMs", null, null);
        assertFalse(StoppedRunNoiseFilter.isNoise(hook, false));
        assertTrue(StoppedRunNoiseFilter.isNoise(hook, true));
        LoggingEvent ours = new LoggingEvent(getClass().getName(), context.getLogger("org.replkit.load.GatlingRunner"),
                Level.WARN, "the receiver went away", null, null);
        assertFalse(StoppedRunNoiseFilter.isNoise(ours, true));
    }
}
