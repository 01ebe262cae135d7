package org.replkit.chaos.nemesis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.replkit.sender.SenderTiming;

/**
 * The nemesis's plan, derived from a seed alone: the same seed, run length, timing, fault kinds and
 * lanes always give the same windows. Windows never overlap, so each outcome in the report belongs
 * to one fault; every kind asked for comes at least once (in a seeded order), and a longer run gets
 * more windows of seeded kinds, one per slot of at least 3 u.
 *
 * <p>Lengths follow the sender's timing, in units of u = timeout + cadence (10 s at the spec's): a
 * wire fault lasts 0.8 to 1.5 u, a process is down 0.3 to 0.8 u. That keeps each fault within the
 * sender's retry budget (four attempts over 5 + 10 + 20 s at the spec's timing), so a correct system
 * loses nothing; a latency holds each request for the timeout plus 0.2 to 1 times (first backoff + 3
 * cadences), so some requests arrive after the sender has already moved on to a newer snapshot.
 *
 * <p>Three kinds are made to outlast that budget, for a sender that rides out outages: a long outage
 * (every connection reset, for 4 to 12 times the whole retry schedule, in a slot of its own followed
 * by 2 u of quiet), an overload (429 with a Retry-After of 1 to 2 cadences, in an ordinary slot), and
 * gone (410 from an instance of its own, from a seeded moment between the other windows, in the
 * run's first half where it has a gap, to its end).
 */
public record Schedule(long seed, List<FaultWindow> windows) {

    /** A long outage lasts this many times the retry schedule, at least and at most. */
    public static final double MIN_OUTAGE_FACTOR = 4;
    public static final double MAX_OUTAGE_FACTOR = 12;

    public Schedule {
        windows = List.copyOf(windows);
    }

    /**
     * @param runLength how long rows are written; faults start after a lead-in and end before the writes do
     * @param lanes     the receiver instances' lane names (wire faults pick one, or all)
     */
    public static Schedule plan(long seed, Duration runLength, SenderTiming timing, Set<FaultKind> kinds, List<String> lanes) {
        if (kinds.isEmpty()) {
            return new Schedule(seed, List.of());
        }
        if (lanes.isEmpty()) {
            throw new IllegalArgumentException("no lanes to apply faults to");
        }
        Random random = new Random(seed);
        double unit = timing.timeoutMillis() / 1000.0 + timing.cadenceSeconds();
        double leadIn = Math.max(2.0 * timing.cadenceSeconds(), 3.0);
        double tail = timing.cadenceSeconds();
        double runSeconds = runLength.toMillis() / 1000.0;
        double active = runSeconds - leadIn - tail;
        // Faults in slots one after the other: every kind but the long outage (a slot of its own) and
        // gone (on an instance of its own, from its start to the end).
        List<FaultKind> slotted = new ArrayList<>(EnumSet.copyOf(kinds));
        slotted.removeAll(EnumSet.of(FaultKind.LONG_OUTAGE, FaultKind.GONE));
        boolean longOutage = kinds.contains(FaultKind.LONG_OUTAGE);
        double span = retrySpanSeconds(timing);
        double outageGap = 2.0 * unit;
        double outageLength = 0;
        if (longOutage) {
            double tightFactor = (active - slotted.size() * unit - outageGap) / span;
            if (tightFactor < MIN_OUTAGE_FACTOR) {
                throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                        "a %.0f s run is too short for a long outage (%.0f times the %.0f s retry schedule) and %d other fault kind(s) "
                                + "at this timing: it needs at least %.0f s",
                        runSeconds, MIN_OUTAGE_FACTOR, span, slotted.size(),
                        leadIn + tail + slotted.size() * unit + outageGap + MIN_OUTAGE_FACTOR * span));
            }
            // Leave the other faults slots of 3 u where the run allows it.
            double roomyFactor = (active - slotted.size() * 3.0 * unit - outageGap) / span;
            double highest = Math.min(MAX_OUTAGE_FACTOR, Math.max(MIN_OUTAGE_FACTOR, Math.min(roomyFactor, tightFactor)));
            outageLength = between(random, MIN_OUTAGE_FACTOR, highest) * span;
        }
        double rest = active - (longOutage ? outageLength + outageGap : 0);
        if (!slotted.isEmpty() && rest < slotted.size() * 0.5 * unit) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "a %.0f s run is too short for %d fault kinds at this timing: it needs at least %.0f s",
                    runSeconds, kinds.size(), runSeconds - rest + slotted.size() * 0.5 * unit));
        }
        // A slot of 3 u or more: an item whose attempts (spread over the backoffs) meet one fault
        // can meet at most one more before its retries are used up.
        int count = slotted.isEmpty() ? 0 : Math.max(slotted.size(), (int) Math.floor(rest / (3.0 * unit)));
        double slot = count == 0 ? 0 : rest / count;

        List<FaultKind> order = new ArrayList<>(slotted);
        Collections.shuffle(order, random);
        List<FaultKind> available = List.copyOf(order);
        while (order.size() < count) {
            order.add(available.get(random.nextInt(available.size())));
        }
        int outageAt = longOutage ? random.nextInt(count + 1) : -1;

        List<FaultWindow> windows = new ArrayList<>();
        double cursor = leadIn;
        for (int i = 0; i <= count; i++) {
            if (i == outageAt) {
                windows.add(new FaultWindow(0, FaultKind.LONG_OUTAGE, FaultWindow.ALL_LANES, millis(cursor), millis(outageLength), 0));
                cursor += outageLength + outageGap;
            }
            if (i == count) {
                break;
            }
            FaultKind kind = order.get(i);
            double length = kind.onTheWire() ? between(random, 0.8 * unit, 1.5 * unit) : between(random, 0.3 * unit, 0.8 * unit);
            length = Math.min(length, 0.8 * slot);
            double start = cursor + random.nextDouble() * (slot - length) * 0.8;
            String target = switch (kind) {
                case RECEIVER_KILL -> FaultWindow.RECEIVER;
                case SENDER_CRASH -> FaultWindow.SENDER;
                default -> {
                    int pick = random.nextInt(lanes.size() + 1);
                    yield pick == lanes.size() ? FaultWindow.ALL_LANES : lanes.get(pick);
                }
            };
            long parameter = switch (kind) {
                case LATENCY -> Math.round(1000 * (timing.timeoutMillis() / 1000.0
                        + between(random, 0.2, 1.0) * (timing.backoffSeconds().get(0) + 3.0 * timing.cadenceSeconds())));
                // Retry-After: 1 to 2 cadences, in whole seconds as the header carries them.
                case OVERLOAD -> 1000 * Math.max(1, Math.round(between(random, 1.0, 2.0) * timing.cadenceSeconds()));
                default -> 0;
            };
            windows.add(new FaultWindow(0, kind, target, millis(start), millis(length), parameter));
            cursor += slot;
        }
        if (kinds.contains(FaultKind.GONE)) {
            // On an instance of its own, to the end of the run. It starts in a gap between the other
            // windows (the nemesis applies windows one after the other) in the run's first half.
            double start = goneStart(random, windows, leadIn, leadIn + active * 0.5, leadIn + active);
            windows.add(new FaultWindow(0, FaultKind.GONE, FaultWindow.GONE_LANE, millis(start), millis(runSeconds - tail - start), 0));
        }
        windows.sort(Comparator.comparing(FaultWindow::start));
        return new Schedule(seed, IntStream.range(0, windows.size()).mapToObj(i -> windows.get(i).numbered(i + 1)).toList());
    }

    /** A seeded moment in no window, between {@code from} and {@code until}, else before {@code atLatest}. */
    private static double goneStart(Random random, List<FaultWindow> windows, double from, double until, double atLatest) {
        List<double[]> gaps = gaps(windows, from, until);
        if (gaps.isEmpty()) {
            gaps = gaps(windows, from, atLatest);
        }
        if (gaps.isEmpty()) {
            return atLatest;
        }
        double[] gap = gaps.get(random.nextInt(gaps.size()));
        return gap[0] + random.nextDouble() * (gap[1] - gap[0]) * 0.9;
    }

    private static List<double[]> gaps(List<FaultWindow> windows, double from, double until) {
        List<double[]> gaps = new ArrayList<>();
        double cursor = from;
        List<FaultWindow> sorted = windows.stream().sorted(Comparator.comparing(FaultWindow::start)).toList();
        for (FaultWindow w : sorted) {
            double start = w.start().toMillis() / 1000.0;
            if (start > cursor && cursor < until) {
                gaps.add(new double[] {cursor, Math.min(start, until)});
            }
            cursor = Math.max(cursor, w.end().toMillis() / 1000.0);
        }
        if (cursor < until) {
            gaps.add(new double[] {cursor, until});
        }
        return gaps;
    }

    /**
     * The sender's whole retry schedule: the sum of the waits before each of its retries (35 s at
     * the spec's timing: 5 + 10 + 20). A long outage lasts 4 to 12 times that.
     */
    public static double retrySpanSeconds(SenderTiming timing) {
        List<Double> b = timing.backoffSeconds();
        return IntStream.rangeClosed(1, timing.maxRetries()).mapToDouble(retry -> b.get(Math.min(retry, b.size()) - 1)).sum();
    }

    /** Given windows instead of a plan (the kit's own tests aim a fault at a planted defect this way). */
    public static Schedule of(long seed, List<FaultWindow> windows) {
        return new Schedule(seed, windows);
    }

    /** The plan as printed before the run, one window per line. */
    public List<String> describe() {
        return windows.stream().map(FaultWindow::describe).toList();
    }

    private static double between(Random random, double low, double high) {
        return low + random.nextDouble() * (high - low);
    }

    private static Duration millis(double seconds) {
        return Duration.ofMillis(Math.round(seconds * 1000));
    }
}
