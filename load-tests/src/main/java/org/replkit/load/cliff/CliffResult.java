package org.replkit.load.cliff;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.replkit.load.cliff.CliffRecorder.Kind;
import org.replkit.load.cliff.CliffRecorder.Sample;

/**
 * What a cliff run found. The cliff rate is the receiver's acknowledgements per second while the
 * first late answer waited (from its sending to its answer, longer than the timeout): it waited
 * behind others all that time, so the receiver was saturated and acknowledged as fast as it can;
 * any rate above that, held, makes every answer late. When errors or shedding stopped the ramp
 * before any answer came late, the acknowledgements per second over the timeout before the first. The
 * cliff in concurrency is the most deliveries in flight at once of which one was still
 * acknowledged within the timeout, what pg_net's batch may hold at most.
 *
 * @param stopReason   why the ramp stopped, or null when it reached its ceiling first
 * @param stoppedByLoadGenerator whether it stopped at the load generator's own limit of deliveries in flight
 * @param ratePerS     the cliff rate, or null when no cliff was found
 * @param concurrency  the cliff in concurrency
 * @param offeredAtStopPerS the ramp's rate when it stopped
 * @param lateAnswers  acknowledgements after the timeout: each a duplicate delivery for a real sender
 * @param shed         429/503 answers with Retry-After
 * @param shedWithoutRetryAfter 429/503 answers without Retry-After (counted as errors)
 * @param errors       other answers than 200, and requests that got no answer
 */
public record CliffResult(String stopReason, boolean stoppedByLoadGenerator, Double ratePerS, int concurrency, double offeredAtStopPerS, long answers,
                          long lateAnswers, long shed, long shedWithoutRetryAfter, long errors, List<Step> steps) {

    /** One rate step: the deliveries sent during it and how they were answered. */
    public record Step(double ratePerS, long sent, long p50Ms, long p99Ms, long late, long shed, long errors) {}

    public static CliffResult of(CliffRamp ramp, long timeoutMs, List<Sample> samples, String stopReason, boolean stoppedByLoadGenerator) {
        List<Double> rates = ramp.rates();
        Map<Integer, List<Sample>> bySteps = new TreeMap<>();
        long late = 0;
        long shed = 0;
        long noRetryAfter = 0;
        long errors = 0;
        int concurrency = 0;
        long lastSentMs = 0;
        Sample firstBad = null;
        Sample firstLate = null;
        for (Sample s : samples) {
            bySteps.computeIfAbsent(ramp.stepOf(s.sentMs()), k -> new ArrayList<>()).add(s);
            lastSentMs = Math.max(lastSentMs, s.sentMs());
            switch (s.kind()) {
                case ACK -> concurrency = Math.max(concurrency, s.inFlight());
                case LATE_ACK -> late++;
                case SHED -> shed++;
                case ERROR -> {
                    errors++;
                    noRetryAfter += s.status() == 429 || s.status() == 503 ? 1 : 0;
                }
            }
            if (s.kind() != Kind.ACK && (firstBad == null || s.answeredMs() < firstBad.answeredMs())) {
                firstBad = s;
            }
            if (s.kind() == Kind.LATE_ACK && (firstLate == null || s.answeredMs() < firstLate.answeredMs())) {
                firstLate = s;
            }
        }
        List<Step> steps = new ArrayList<>();
        bySteps.forEach((i, list) -> steps.add(step(rates.get(i), list, timeoutMs)));
        Double rate = null;
        // The load generator's own limit stops the ramp before the receiver shows a cliff: none is claimed.
        if (stopReason != null && !stoppedByLoadGenerator && firstBad != null) {
            // The first late answer waited from its sending to its answer, all the while behind others:
            // the receiver acknowledged as fast as it can in that time. Without one (errors or shedding
            // stopped the ramp), the timeout before the first such answer.
            long end = firstLate != null ? firstLate.answeredMs() : firstBad.answeredMs();
            long start = firstLate != null ? firstLate.sentMs() : Math.max(0, end - timeoutMs);
            long acks = samples.stream().filter(s -> s.status() == 200 && s.answeredMs() >= start && s.answeredMs() <= end).count();
            rate = end > start ? acks * 1000.0 / (end - start) : null;
        }
        double offeredAtStop = rates.get(ramp.stepOf(lastSentMs));
        return new CliffResult(stopReason, stoppedByLoadGenerator, rate, concurrency, offeredAtStop, samples.size(), late, shed, noRetryAfter, errors, steps);
    }

    private static Step step(double rate, List<Sample> list, long timeoutMs) {
        long[] elapsed = list.stream().mapToLong(Sample::elapsedMs).sorted().toArray();
        return new Step(rate, list.size(), percentile(elapsed, 50), percentile(elapsed, 99),
                list.stream().filter(s -> s.kind() == Kind.LATE_ACK).count(),
                list.stream().filter(s -> s.kind() == Kind.SHED).count(),
                list.stream().filter(s -> s.kind() == Kind.ERROR).count());
    }

    static long percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    /**
     * The rate of the last step, before the first with a late, shed or failed answer, whose p99 stayed
     * within the timeout: a second view of the cliff, from the offered side (0 when none).
     */
    public double highestStepWithinTimeout() {
        double highest = 0;
        for (Step s : steps) {
            if (s.late() > 0 || s.shed() > 0 || s.errors() > 0) {
                break;
            }
            highest = s.ratePerS();
        }
        return highest;
    }
}
