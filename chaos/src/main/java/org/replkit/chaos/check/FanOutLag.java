package org.replkit.chaos.check;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.replkit.chaos.history.Event;

/**
 * SND-PAUSE-01 in the fan-out case (a dead instance must not hold up the others): many instances,
 * one of them a black hole. pg_net's pass waits for its slowest request, so a sender that lets one
 * dead instance time out in every tick delays every other instance's deliveries. The others' lag
 * (from the commit to the receiver's 2xx on the wire) must stay within cadence + timeout + 1 s at
 * the 99th percentile of all their deliveries together (per instance, a short run's p99 is one of its
 * two or three slowest deliveries, which a busy machine's jitter decides; each instance's p99 is kept
 * as a figure), for the changes committed from the end of the first request to the dead instance:
 * the instance never answers anything, and a sender that has had no answer from an instance has no
 * reason to send it more than one request at a time (the reference sender does not), so the passes
 * held up by a burst of requests to it count. A dead instance that still had two requests in flight
 * at once after the last commit was never paused ("not paused"), and everything is judged.
 */
public final class FanOutLag extends HistoryProperty {

    static final double PERCENTILE = 0.99;
    /**
     * On top of cadence + timeout + 1 s (the wait for the tick, a pass held by one probe's timeout,
     * pg_net's wait of 1 s before every pass), which leaves nothing for the tick's own start and the
     * pass's work: measured at the fast timing, the healthy instances' p99 was 3.25 s on one 2-core host
     * and 3.35-4.90 s in five runs at 10 rows/s on a slower one, whose kernel took a far larger share
     * of the CPU (3.33-3.58 s at 5 rows/s).
     * A delivery held up for one more pass waits a whole cadence + timeout more than a healthy one
     * (5 s and more at the fast timing, where the bound is then 5 s). A sender that never pauses the
     * dead instance is caught as "not paused" whatever the lag.
     */
    static final Duration TOLERANCE = Duration.ofMillis(2000);

    public FanOutLag() {
        super("fan-out", List.of("SND-PAUSE-01"), false,
                "With one instance black-holed and found dead, the other instances' delivery lag p99 stays within cadence + timeout + 1 s.");
    }

    @Override
    public boolean appliesTo(Observed o) {
        return o.sideLanes().stream().anyMatch(l -> l.role().equals("fan-out"));
    }

    @Override
    protected PropertyVerdict judge(Observed o) {
        Event.Timing timing = o.run().timing();
        Duration bound = Duration.ofMillis(timing.cadenceS() * 1000L + timing.timeoutMs() + 1000).plus(TOLERANCE);
        List<Problem> problems = new ArrayList<>();
        Map<String, Object> figures = new LinkedHashMap<>();
        Instant lastCommit = o.commits().stream().map(Event.Commit::t).max(Instant::compareTo).orElse(null);
        Instant lastOverlapEnd = deadInstanceFound(o, Duration.ofMillis(timing.timeoutMs()));
        Instant judgedFrom = firstRequestEnd(o, Duration.ofMillis(timing.timeoutMs()));
        if (lastOverlapEnd != null && lastCommit != null && lastOverlapEnd.isAfter(lastCommit)) { // SND-PAUSE-01: one probe at a time
            problems.add(new Problem("not paused", deadLane(o), null,
                    "one request at a time (a probe) to the instance that never answers, once its requests time out",
                    "two or more in flight at once until " + lastOverlapEnd + ", after the last commit (" + lastCommit + ")"));
            judgedFrom = null;
        }
        if (judgedFrom != null) {
            figures.put("judged_from", judgedFrom.toString());
        }
        Instant from = judgedFrom;
        Map<String, Instant> committedAt = new HashMap<>();
        o.commits().stream().filter(c -> from == null || !c.t().isBefore(from))
                .forEach(c -> committedAt.put(c.table() + "/" + c.seq(), c.t()));
        List<Long> all = new ArrayList<>();
        String worstLane = null;
        long worstP99 = 0;
        for (Event.SideLane lane : o.sideLanes()) {
            if (!lane.role().equals("fan-out")) {
                continue;
            }
            Map<Long, Instant> firstAck = o.wire(lane.lane()).stream()
                    .filter(w -> w.seq() != null && Outcomes.success(w.receiverStatus()) && "ANSWERED".equals(w.outcome()) && w.done() != null)
                    .collect(Collectors.toMap(Event.Wire::seq, Event.Wire::done, (a, b) -> a.isBefore(b) ? a : b));
            List<Long> lags = new ArrayList<>();
            firstAck.forEach((seq, acked) -> {
                Instant committed = committedAt.get(lane.table() + "/" + seq);
                if (committed != null) {
                    lags.add(Math.max(0, Duration.between(committed, acked).toMillis()));
                }
            });
            if (lags.isEmpty()) {
                continue;
            }
            long p99 = percentile(lags, PERCENTILE);
            figures.put(lane.lane() + "_lag_p99_ms", p99);
            if (worstLane == null || p99 > worstP99) {
                worstLane = lane.lane();
                worstP99 = p99;
            }
            all.addAll(lags);
        }
        if (all.isEmpty()) {
            return cannotTell("no delivery to a fan-out instance was acknowledged");
        }
        long p99 = percentile(all, PERCENTILE);
        if (p99 > bound.toMillis()) { // SND-PAUSE-01: one dead instance must not hold up the others
            problems.add(new Problem("lag", worstLane, null, "the other instances' p99 lag at most " + bound.toMillis()
                    + " ms (cadence + timeout + 1 s, and " + TOLERANCE.toMillis() + " ms of tolerance)",
                    p99 + " ms over " + all.size() + " deliveries (" + worstLane + " the slowest, p99 " + worstP99 + " ms)"));
        }
        figures.put("lag_p99_ms", p99);
        figures.put("bound_ms", bound.toMillis());
        figures.put("deliveries", (long) all.size());
        return verdict(problems, "the other instances' lag p99 " + p99 + " ms, within " + bound.toMillis() + " ms",
                "the other instances held up beyond " + bound.toMillis() + " ms at p99: " + p99 + " ms", figures);
    }

    private static String deadLane(Observed o) {
        return o.sideLanes().stream().filter(l -> l.role().equals("fan-out-black-hole")).map(Event.SideLane::lane)
                .findFirst().orElse(null);
    }

    /**
     * The end (sent + timeout) of the first request to the dead instance: from then on a sender knows
     * the instance has not answered, and has no reason to send it more than one request at a time.
     * Null when the history has no request to a dead instance.
     */
    static Instant firstRequestEnd(Observed o, Duration timeout) {
        String lane = deadLane(o);
        return lane == null ? null
                : o.wire(lane).stream().map(Event.Wire::t).min(Instant::compareTo).map(t -> t.plus(timeout)).orElse(null);
    }

    /**
     * When the dead instance last had two requests in flight at once (a paused one gets one probe at a time): the end
     * (sent + timeout) of the last request to it that overlapped another; without overlaps, the end of
     * its first request. Null when the history has no request to a dead instance.
     */
    static Instant deadInstanceFound(Observed o, Duration timeout) {
        String lane = deadLane(o);
        if (lane == null) {
            return null;
        }
        List<Instant> sent = o.wire(lane).stream().map(Event.Wire::t).sorted().toList();
        if (sent.isEmpty()) {
            return null;
        }
        Instant found = sent.get(0).plus(timeout);
        for (int i = 1; i < sent.size(); i++) {
            if (sent.get(i).isBefore(sent.get(i - 1).plus(timeout))) {
                found = sent.get(i).plus(timeout);
            }
        }
        return found;
    }

    /** The nearest-rank percentile. */
    static long percentile(List<Long> values, double p) {
        List<Long> sorted = values.stream().sorted().toList();
        int rank = (int) Math.ceil(p * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }
}
