package org.replkit.chaos.nemesis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
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
 */
public final class Schedule {

    private final long seed;
    private final List<FaultWindow> windows;

    private Schedule(long seed, List<FaultWindow> windows) {
        this.seed = seed;
        this.windows = List.copyOf(windows);
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
        double active = runLength.toMillis() / 1000.0 - leadIn - tail;
        if (active < kinds.size() * 0.5 * unit) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "a %.0f s run is too short for %d fault kinds at this timing: it needs at least %.0f s",
                    runLength.toMillis() / 1000.0, kinds.size(), leadIn + tail + kinds.size() * 0.5 * unit));
        }
        // A slot of 3 u or more: an item whose attempts (spread over the backoffs) meet one fault
        // can meet at most one more before its retries are used up.
        int count = Math.max(kinds.size(), (int) Math.floor(active / (3.0 * unit)));
        double slot = active / count;

        List<FaultKind> order = new ArrayList<>(EnumSet.copyOf(kinds));
        Collections.shuffle(order, random);
        List<FaultKind> available = List.copyOf(order);
        while (order.size() < count) {
            order.add(available.get(random.nextInt(available.size())));
        }

        List<FaultWindow> windows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            FaultKind kind = order.get(i);
            double length = kind.onTheWire() ? between(random, 0.8 * unit, 1.5 * unit) : between(random, 0.3 * unit, 0.8 * unit);
            length = Math.min(length, 0.8 * slot);
            double start = leadIn + i * slot + random.nextDouble() * (slot - length) * 0.8;
            String target = switch (kind) {
                case RECEIVER_KILL -> FaultWindow.RECEIVER;
                case SENDER_CRASH -> FaultWindow.SENDER;
                default -> {
                    int pick = random.nextInt(lanes.size() + 1);
                    yield pick == lanes.size() ? FaultWindow.ALL_LANES : lanes.get(pick);
                }
            };
            long delay = kind == FaultKind.LATENCY
                    ? Math.round(1000 * (timing.timeoutMillis() / 1000.0
                            + between(random, 0.2, 1.0) * (timing.backoffSeconds().get(0) + 3.0 * timing.cadenceSeconds())))
                    : 0;
            windows.add(new FaultWindow(i + 1, kind, target, millis(start), millis(length), delay));
        }
        return new Schedule(seed, windows);
    }

    /** Given windows instead of a plan (the kit's own tests aim a fault at a planted defect this way). */
    public static Schedule of(long seed, List<FaultWindow> windows) {
        return new Schedule(seed, windows);
    }

    public long seed() {
        return seed;
    }

    public List<FaultWindow> windows() {
        return windows;
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
