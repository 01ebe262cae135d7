package org.replkit.chaos.nemesis;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.replkit.chaos.history.Event;
import org.replkit.chaos.proxy.WireFault;
import org.replkit.spec.CouldNotRun;

/**
 * Applies a {@link Schedule} in real time, from the instant the writes started: each window's fault
 * goes on at its start and off at its end, and both moments are recorded as they actually happened.
 * Runs on the calling thread; {@link #run()} returns after the last window has ended, or throws when
 * an action fails (the run cannot go on without its receiver or its sender).
 */
public final class Nemesis {

    private final Schedule schedule;
    private final List<String> lanes;
    private final FaultActions actions;
    private final Consumer<Event> history;
    private final Consumer<String> console;
    private final Instant origin;

    /**
     * @param origin  the instant the writes started; window starts count from it
     * @param console one line per fault as it starts and ends
     */
    public Nemesis(Schedule schedule, List<String> lanes, FaultActions actions, Consumer<Event> history,
                   Consumer<String> console, Instant origin) {
        this.schedule = schedule;
        this.lanes = List.copyOf(lanes);
        this.actions = actions;
        this.history = history;
        this.console = console;
        this.origin = origin;
    }

    public void run() throws InterruptedException {
        for (FaultWindow w : schedule.windows()) {
            sleepUntil(w.start());
            Instant started = Instant.now();
            record(w, "start", started, null);
            console.accept(String.format(java.util.Locale.ROOT, "chaos: t=%5.1fs  fault %s", since(started), w.describe()));
            try {
                apply(w);
            } catch (RuntimeException e) {
                record(w, "error", Instant.now(), e.getMessage());
                heal(w);
                throw new CouldNotRun("fault #" + w.number() + " (" + w.kind() + ") could not be applied: " + e.getMessage(), e);
            }
            Instant ended = Instant.now();
            record(w, "end", ended, null);
            console.accept(w.kind() == FaultKind.GONE
                    ? String.format(java.util.Locale.ROOT, "chaos: t=%5.1fs  fault #%d stays on to the end of the run", since(ended), w.number())
                    : String.format(java.util.Locale.ROOT, "chaos: t=%5.1fs  fault #%d over (%.1fs)",
                            since(ended), w.number(), Duration.between(started, ended).toMillis() / 1000.0));
        }
    }

    /** Records the plan before the run. */
    public void recordPlan() {
        schedule.windows().forEach(w -> record(w, "planned", null, null));
    }

    private void apply(FaultWindow w) throws InterruptedException {
        switch (w.kind()) {
            case RECEIVER_KILL -> downUntilTheEnd(w, actions.killReceiver(), actions.restartReceiver());
            case SENDER_CRASH -> downUntilTheEnd(w, actions.crashSender(), actions.restartSender());
            // Gone for good: the 410 stays on through the drain, and the nemesis goes on at once.
            case GONE -> targets(w).forEach(lane -> actions.wire().accept(lane, WireFault.of(WireFault.Kind.ANSWER_410)));
            default -> {
                WireFault fault = switch (w.kind()) {
                    case LATENCY -> WireFault.delay(w.delayMillis());
                    case LOST_ACK -> WireFault.of(WireFault.Kind.RESET_AFTER_ANSWER);
                    case BLACK_HOLE -> WireFault.of(WireFault.Kind.HOLD);
                    case LONG_OUTAGE -> WireFault.of(WireFault.Kind.REFUSE);
                    case OVERLOAD -> WireFault.tooManyRequests(w.delayMillis() / 1000);
                    default -> WireFault.of(WireFault.Kind.ANSWER_503);
                };
                targets(w).forEach(lane -> actions.wire().accept(lane, fault));
                try {
                    sleepUntil(w.end());
                } finally {
                    targets(w).forEach(lane -> actions.wire().accept(lane, WireFault.PASS));
                }
            }
        }
    }

    /** A process stopped at the window's start and started again at its end. */
    private void downUntilTheEnd(FaultWindow w, Runnable stop, Runnable start) throws InterruptedException {
        stop.run();
        sleepUntil(w.end());
        start.run();
    }

    /** After a failed action: take wire faults off so the drain is not blocked by them. */
    private void heal(FaultWindow w) {
        if (w.kind().onTheWire() && w.kind() != FaultKind.GONE) {
            try {
                targets(w).forEach(lane -> actions.wire().accept(lane, WireFault.PASS));
            } catch (RuntimeException ignored) {
                // already failing
            }
        }
    }

    private List<String> targets(FaultWindow w) {
        return w.target().equals(FaultWindow.ALL_LANES) ? lanes : List.of(w.target());
    }

    private void record(FaultWindow w, String phase, Instant t, String note) {
        history.accept(new Event.Fault(t, w.number(), w.kind().label(), w.target(), phase,
                t == null ? w.start().toMillis() / 1000.0 : since(t),
                w.length().toMillis() / 1000.0,
                w.kind() == FaultKind.LATENCY || w.kind() == FaultKind.OVERLOAD ? w.delayMillis() : null, note));
    }

    private double since(Instant t) {
        return Duration.between(origin, t).toMillis() / 1000.0;
    }

    private void sleepUntil(Duration offset) throws InterruptedException {
        long millis = Duration.between(Instant.now(), origin.plus(offset)).toMillis();
        if (millis > 0) {
            Thread.sleep(millis);
        }
    }
}
