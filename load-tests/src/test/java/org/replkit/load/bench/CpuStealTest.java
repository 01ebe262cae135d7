package org.replkit.load.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CpuStealTest {

    @Test
    void readsStealAndTotalFromTheAggregateLine() {
        CpuSteal s = CpuSteal.parse("cpu  158439 0 91447 152989 10090 0 20136 9826 0 0");
        assertEquals(9826, s.stealTicks());
        assertEquals(158439 + 91447 + 152989 + 10090 + 20136 + 9826, s.totalTicks());
    }

    @Test
    void theShareIsStealOverAllTicksBetweenTwoReadings() {
        CpuSteal before = CpuSteal.parse("cpu  1000 0 500 8000 0 0 0 100 0 0");
        CpuSteal after = CpuSteal.parse("cpu  1900 0 900 8500 0 0 0 300 0 0");   // 2000 ticks, 200 stolen
        assertEquals(0.10, after.shareSince(before), 1e-9);
        assertEquals(0.0, before.shareSince(before));
    }

    @Test
    void refusesAPerCoreLineOrAShortOne() {
        assertThrows(IllegalArgumentException.class, () -> CpuSteal.parse("cpu0 1 2 3 4 5 6 7 8 9 10"));
        assertThrows(IllegalArgumentException.class, () -> CpuSteal.parse("cpu  1 2 3 4"));
    }

    @Test
    void readsThisMachine() {
        CpuSteal now = CpuSteal.now();
        assertTrue(now.stealTicks() >= 0 && now.totalTicks() >= now.stealTicks());
    }
}
