package org.replkit.load.cliff;

import com.sun.management.UnixOperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every delivery of a cliff run as it happened: when it was sent, how many were in flight then,
 * how long its answer took and what it said. Also decides when the ramp has gone far enough: once
 * more than {@value #STOP_SHARE_PERCENT}% of the answers of the last {@value #WINDOW_MS} ms came after
 * the sender's timeout, were errors or were shed; or once the load generator itself holds as many
 * deliveries open as it can, which says nothing about the receiver.
 */
public final class CliffRecorder {

    static final int STOP_SHARE_PERCENT = 1;
    static final long WINDOW_MS = 2_000;
    /** Fewer bad answers than this in the window never stop the ramp (one stray answer on a busy machine). */
    static final int STOP_MIN_BAD = 3;
    /** The limit of deliveries in flight where the number of open files cannot be read. */
    static final int DEFAULT_MAX_IN_FLIGHT_ELSEWHERE = 10_000;
    /** What to do when a run stops at the load generator's own limit; SYNC-SHED-01's reason says it too. */
    public static final String RAISE_THE_LIMIT = "raise --max-in-flight, and the open-file limit (ulimit -n) with it";

    /** What an answer was. */
    public enum Kind { ACK, LATE_ACK, SHED, ERROR }

    /**
     * One delivery.
     *
     * @param sentMs       milliseconds since the ramp started
     * @param inFlight     deliveries in flight when it was sent, itself included
     * @param elapsedMs    until its answer (or its failure)
     * @param status       the HTTP status, 0 when none came
     */
    public record Sample(long sentMs, int inFlight, long elapsedMs, int status, Kind kind) {
        long answeredMs() {
            return sentMs + elapsedMs;
        }
    }

    private final long timeoutMs;
    /** When the first delivery was sent: the ramp's time 0. */
    private final java.util.concurrent.atomic.AtomicLong startNanos = new java.util.concurrent.atomic.AtomicLong(Long.MIN_VALUE);
    private final AtomicInteger inFlight = new AtomicInteger();
    private final List<Sample> samples = new ArrayList<>();
    private final int maxInFlight;
    private volatile String stopReason;
    private volatile boolean stoppedByLoadGenerator;

    /**
     * @param maxInFlight the most deliveries the load generator can hold open at once: each is a
     *                    connection, a file of this process, and past the limit of open files the
     *                    generator fails on its own (connections refused by it, reports unwritable)
     */
    public CliffRecorder(long timeoutMs, int maxInFlight) {
        this.timeoutMs = timeoutMs;
        this.maxInFlight = maxInFlight;
    }

    /** @return the in-flight count, this delivery included */
    public int sent() {
        int n = inFlight.incrementAndGet();
        if (n > maxInFlight && stopReason == null) {
            synchronized (samples) {
                if (stopReason == null) {
                    stoppedByLoadGenerator = true;
                    stopReason = "the load generator reached its own limit of " + maxInFlight + " deliveries in flight"
                            + " before the receiver gave way (" + RAISE_THE_LIMIT + ")";
                }
            }
        }
        return n;
    }

    /**
     * The default limit: 80% of the files this process may still open (each delivery in flight holds
     * a connection), leaving the rest for the reports and the JVM's own files.
     */
    public static int defaultMaxInFlight() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix) {
            long free = unix.getMaxFileDescriptorCount() - unix.getOpenFileDescriptorCount();
            return (int) Math.max(1, Math.min(Integer.MAX_VALUE, free * 8 / 10));
        }
        return DEFAULT_MAX_IN_FLIGHT_ELSEWHERE;
    }

    /** Whether the ramp stopped at the load generator's limit: then nothing was found about the receiver's cliff. */
    public boolean stoppedByLoadGenerator() {
        return stoppedByLoadGenerator;
    }

    public int maxInFlight() {
        return maxInFlight;
    }

    public long nowMs() {
        long now = System.nanoTime();
        startNanos.compareAndSet(Long.MIN_VALUE, now);
        return (now - startNanos.get()) / 1_000_000;
    }

    /**
     * @param sentMs   {@link #nowMs()} when it was sent
     * @param status   the HTTP status, 0 when no answer came (connection failed, or no answer at all)
     * @param shedHint whether a 429 or 503 carried Retry-After
     */
    public void answered(long sentMs, int inFlightAtSend, int status, boolean shedHint) {
        inFlight.decrementAndGet();
        long elapsed = nowMs() - sentMs;
        Kind kind = status == 200 ? (elapsed > timeoutMs ? Kind.LATE_ACK : Kind.ACK)
                : (status == 429 || status == 503) && shedHint ? Kind.SHED : Kind.ERROR;
        Sample s = new Sample(sentMs, inFlightAtSend, elapsed, status, kind);
        synchronized (samples) {
            samples.add(s);
            if (stopReason == null) {
                stopReason = judgeWindow(s.answeredMs());
            }
        }
    }

    /** Null while the ramp may go on. */
    public String stopReason() {
        return stopReason;
    }

    public boolean shouldStop() {
        return stopReason != null;
    }

    public long timeoutMs() {
        return timeoutMs;
    }

    public List<Sample> samples() {
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }

    private String judgeWindow(long nowMs) {
        int answers = 0;
        int late = 0;
        int errors = 0;
        int shed = 0;
        for (int i = samples.size() - 1; i >= 0; i--) {
            Sample s = samples.get(i);
            if (s.answeredMs() < nowMs - WINDOW_MS) {
                break;       // answers are appended in the order they came
            }
            answers++;
            switch (s.kind()) {
                case LATE_ACK -> late++;
                case ERROR -> errors++;
                case SHED -> shed++;
                default -> { }
            }
        }
        return tooMany(late, answers) ? "the p99 of acknowledgements crossed " + timeoutMs + " ms"
                : tooMany(errors, answers) ? "errors appeared (" + errors + " of " + answers + " answers)"
                : tooMany(shed, answers) ? "the receiver shed load (" + shed + " of " + answers + " answers 429/503 with Retry-After)"
                : null;
    }

    private static boolean tooMany(int bad, int answers) {
        return bad >= STOP_MIN_BAD && bad * 100 > answers * STOP_SHARE_PERCENT;
    }
}
