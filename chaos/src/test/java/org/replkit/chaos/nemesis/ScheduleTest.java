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

/**
 * The nemesis's plan: the seed alone decides it, every kind comes, windows stay apart and inside the
 * run (but gone, on an instance of its own), a long outage lasts 4 to 12 times the retry schedule.
 */
class ScheduleTest {

    private static final List<String> LANES = List.of("patterns", "metrics");
    private static final Set<FaultKind> ALL = EnumSet.allOf(FaultKind.class);
    private static final Duration DEFAULT = org.replkit.chaos.ChaosSettings.DEFAULT_DURATION;

    @Test
    void aScheduleIsDeterminedByItsSeed() {
        Schedule a = Schedule.plan(42, DEFAULT, SenderTiming.SPEC, ALL, LANES);
        Schedule b = Schedule.plan(42, DEFAULT, SenderTiming.SPEC, ALL, LANES);
        Schedule c = Schedule.plan(43, DEFAULT, SenderTiming.SPEC, ALL, LANES);
        assertEquals(a.windows(), b.windows());
        assertNotEquals(a.windows(), c.windows());
    }

    @Test
    void theDefaultRunHasEveryKindAtTheSpecsTiming() {
        for (long seed = 1; seed <= 50; seed++) {
            Schedule s = Schedule.plan(seed, DEFAULT, SenderTiming.SPEC, ALL, LANES);
            assertEquals(ALL, s.windows().stream().map(FaultWindow::kind).collect(Collectors.toSet()));
            s.windows().stream().filter(w -> w.kind() == FaultKind.LATENCY)
                    .forEach(w -> assertTrue(w.delayMillis() > SenderTiming.SPEC.timeoutMillis(), "held longer than the timeout"));
            FaultWindow outage = s.windows().stream().filter(w -> w.kind() == FaultKind.LONG_OUTAGE).findFirst().orElseThrow();
            assertTrue(outage.length().toSeconds() >= 120, "a long outage of 2 minutes or more: " + outage.describe());
            s.windows().stream().filter(w -> w.kind() == FaultKind.OVERLOAD)
                    .forEach(w -> assertTrue(w.delayMillis() >= 5_000 && w.delayMillis() % 1000 == 0, "Retry-After in whole seconds: " + w));
        }
    }

    @Test
    void aLongOutageLastsFourToTwelveRetrySchedulesAndIsFollowedByQuiet() {
        QuickTheory.qt().withExamples(200).forAll(SourceDSL.longs().all(), SourceDSL.integers().between(0, 3000)).check((seed, extra) -> {
            Duration run = Duration.ofSeconds(250 + extra);
            List<FaultWindow> w = Schedule.plan(seed, run, SenderTiming.SPEC, ALL, LANES).windows().stream()
                    .filter(x -> x.kind() != FaultKind.GONE).toList();
            double span = Schedule.retrySpanSeconds(SenderTiming.SPEC);
            for (int i = 0; i < w.size(); i++) {
                if (w.get(i).kind() != FaultKind.LONG_OUTAGE) {
                    continue;
                }
                double length = w.get(i).length().toMillis() / 1000.0;
                boolean quietAfter = i + 1 == w.size() || w.get(i + 1).start().minus(w.get(i).end()).toSeconds() >= 19;
                return length >= 4 * span - 0.01 && length <= 12 * span + 0.01 && quietAfter;
            }
            return false;
        });
    }

    @Test
    void goneIsAimedAtItsOwnInstanceFromTheFirstHalfToTheEnd() {
        FaultWindow gone = Schedule.plan(9, DEFAULT, SenderTiming.SPEC, ALL, LANES).windows().stream()
                .filter(w -> w.kind() == FaultKind.GONE).findFirst().orElseThrow();
        assertEquals(FaultWindow.GONE_LANE, gone.target());
        assertEquals(DEFAULT.minusSeconds(SenderTiming.SPEC.cadenceSeconds()), gone.end());
        assertTrue(gone.start().compareTo(DEFAULT.dividedBy(2)) < 0, "in the first half of the default run: " + gone.describe());
    }

    @Test
    void goneStartsBetweenTheOtherWindowsForTheNemesisAppliesThemOneAfterTheOther() {
        QuickTheory.qt().withExamples(200).forAll(SourceDSL.longs().all(), SourceDSL.integers().between(0, 600)).check((seed, extra) -> {
            Duration run = Duration.ofSeconds(250 + extra);
            List<FaultWindow> w = Schedule.plan(seed, run, SenderTiming.SPEC, ALL, LANES).windows();
            FaultWindow gone = w.stream().filter(x -> x.kind() == FaultKind.GONE).findFirst().orElseThrow();
            boolean inAGap = w.stream().filter(x -> x.kind() != FaultKind.GONE)
                    .noneMatch(x -> x.start().compareTo(gone.start()) <= 0 && x.end().compareTo(gone.start()) > 0);
            return inAGap && gone.end().compareTo(run) <= 0 && !gone.length().isZero() && !gone.length().isNegative();
        });
    }

    @Test
    void windowsNeverOverlapAndStayInsideTheWrites() {
        QuickTheory.qt().withExamples(200).forAll(
                SourceDSL.longs().all(),
                SourceDSL.integers().between(40, 1200),
                SourceDSL.booleans().all()).check((seed, seconds, fast) -> {
                    SenderTiming timing = fast ? SenderTiming.FAST : SenderTiming.SPEC;
                    Duration run = Duration.ofSeconds(fast ? seconds / 4 + 50 : seconds + 250);
                    List<FaultWindow> all = Schedule.plan(seed, run, timing, ALL, LANES).windows();
                    if (all.stream().anyMatch(x -> x.start().isNegative() || x.end().compareTo(run) > 0)) {
                        return false;
                    }
                    List<FaultWindow> w = all.stream().filter(x -> x.kind() != FaultKind.GONE).toList();
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
                    return all.stream().map(FaultWindow::kind).collect(Collectors.toSet()).equals(ALL);
                });
    }

    @Test
    void aLongerRunGetsMoreFaults() {
        int sevenMinutes = Schedule.plan(5, DEFAULT, SenderTiming.SPEC, ALL, LANES).windows().size();
        int hour = Schedule.plan(5, Duration.ofHours(1), SenderTiming.SPEC, ALL, LANES).windows().size();
        assertTrue(hour > 4 * sevenMinutes, sevenMinutes + " vs " + hour);
    }

    @Test
    void aRunTooShortForItsFaultsIsRefusedWithTheLengthItNeeds() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Schedule.plan(1, Duration.ofSeconds(20), SenderTiming.SPEC, ALL, LANES));
        assertTrue(e.getMessage().contains("needs at least"), e.getMessage());
        IllegalArgumentException outage = assertThrows(IllegalArgumentException.class,
                () -> Schedule.plan(1, Duration.ofMinutes(3), SenderTiming.SPEC, ALL, LANES));
        assertTrue(outage.getMessage().contains("long outage") && outage.getMessage().contains("needs at least 245 s"), outage.getMessage());
    }

    @Test
    void onlyTheKindsAskedForAreApplied() {
        Schedule s = Schedule.plan(3, Duration.ofMinutes(2), SenderTiming.SPEC, EnumSet.of(FaultKind.LOST_ACK), LANES);
        assertTrue(s.windows().stream().allMatch(w -> w.kind() == FaultKind.LOST_ACK));
        assertTrue(Schedule.plan(3, Duration.ofMinutes(2), SenderTiming.SPEC, EnumSet.noneOf(FaultKind.class), LANES).windows().isEmpty());
    }
}
