package org.replkit.chaos.nemesis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.quicktheories.QuickTheory;
import org.quicktheories.generators.SourceDSL;
import org.replkit.sender.SenderTiming;

/** The nemesis's plan: the seed alone decides it, every kind comes, windows stay apart and inside the run. */
class ScheduleTest {

    private static final List<String> LANES = List.of("patterns", "metrics");
    private static final Set<FaultKind> ALL = EnumSet.allOf(FaultKind.class);

    @Test
    void theSameSeedGivesTheSameScheduleAndAnotherSeedAnother() {
        Schedule a = Schedule.plan(42, Duration.ofMinutes(3), SenderTiming.SPEC, ALL, LANES);
        Schedule b = Schedule.plan(42, Duration.ofMinutes(3), SenderTiming.SPEC, ALL, LANES);
        Schedule c = Schedule.plan(43, Duration.ofMinutes(3), SenderTiming.SPEC, ALL, LANES);
        assertEquals(a.windows(), b.windows());
        assertNotEquals(a.windows(), c.windows());
    }

    @Test
    void theDefaultRunHasEveryKindAtTheSpecsTiming() {
        Schedule s = Schedule.plan(1, Duration.ofMinutes(3), SenderTiming.SPEC, ALL, LANES);
        assertEquals(ALL, s.windows().stream().map(FaultWindow::kind).collect(Collectors.toSet()));
        s.windows().stream().filter(w -> w.kind() == FaultKind.LATENCY)
                .forEach(w -> assertTrue(w.delayMillis() > SenderTiming.SPEC.timeoutMillis(), "held longer than the timeout"));
    }

    @Test
    void windowsNeverOverlapAndStayInsideTheWrites() {
        QuickTheory.qt().withExamples(200).forAll(
                SourceDSL.longs().all(),
                SourceDSL.integers().between(40, 1200),
                SourceDSL.booleans().all()).check((seed, seconds, fast) -> {
                    SenderTiming timing = fast ? SenderTiming.FAST : SenderTiming.SPEC;
                    Duration run = Duration.ofSeconds(fast ? seconds / 4 + 20 : seconds + 60);
                    List<FaultWindow> w = Schedule.plan(seed, run, timing, ALL, LANES).windows();
                    for (int i = 0; i < w.size(); i++) {
                        if (w.get(i).start().isNegative() || w.get(i).end().compareTo(run) > 0) {
                            return false;
                        }
                        if (i > 0 && w.get(i).start().compareTo(w.get(i - 1).end()) < 0) {
                            return false;
                        }
                        if (!w.get(i).kind().onTheWire() && !Set.of(FaultWindow.RECEIVER, FaultWindow.SENDER).contains(w.get(i).target())) {
                            return false;
                        }
                    }
                    return w.stream().map(FaultWindow::kind).collect(Collectors.toSet()).equals(ALL);
                });
    }

    @Test
    void aLongerRunGetsMoreFaults() {
        int threeMinutes = Schedule.plan(5, Duration.ofMinutes(3), SenderTiming.SPEC, ALL, LANES).windows().size();
        int hour = Schedule.plan(5, Duration.ofHours(1), SenderTiming.SPEC, ALL, LANES).windows().size();
        assertTrue(hour > 10 * threeMinutes / 2, threeMinutes + " vs " + hour);
    }

    @Test
    void aRunTooShortForItsFaultsIsRefusedWithTheLengthItNeeds() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Schedule.plan(1, Duration.ofSeconds(20), SenderTiming.SPEC, ALL, LANES));
        assertTrue(e.getMessage().contains("needs at least"), e.getMessage());
    }

    @Test
    void onlyTheKindsAskedForAreApplied() {
        Schedule s = Schedule.plan(3, Duration.ofMinutes(2), SenderTiming.SPEC, EnumSet.of(FaultKind.LOST_ACK), LANES);
        assertTrue(s.windows().stream().allMatch(w -> w.kind() == FaultKind.LOST_ACK));
        assertTrue(Schedule.plan(3, Duration.ofMinutes(2), SenderTiming.SPEC, EnumSet.noneOf(FaultKind.class), LANES).windows().isEmpty());
    }
}
