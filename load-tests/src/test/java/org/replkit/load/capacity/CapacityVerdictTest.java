package org.replkit.load.capacity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The capacity ratio's arithmetic, without a database. */
class CapacityVerdictTest {

    private static RawSendRate.Result raw(double perSecond) {
        return new RawSendRate.Result(1000, 1000, 1000 / perSecond);
    }

    private static SchemaBurst.Result schema(double perSecond) {
        return new SchemaBurst.Result(1000, 1000, 0, 1000 / perSecond);
    }

    @Test
    void theRatioIsTheMedianOfTheRoundsSoOneDisturbedRoundDoesNotDecide() {
        assertEquals(0.9, CapacityVerdict.medianRatio(List.of(schema(90), schema(10), schema(95)),
                List.of(raw(100), raw(100), raw(100))), 1e-9);
        assertEquals(0.5, CapacityVerdict.medianRatio(List.of(schema(40), schema(60)), List.of(raw(100), raw(100))), 1e-9);
    }

    @Test
    void aBaselineThatSentNothingGivesARatioOfZeroNotADivisionByZero() {
        assertEquals(0, CapacityVerdict.medianRatio(List.of(schema(50)), List.of(new RawSendRate.Result(10, 0, 1))), 1e-9);
        assertEquals(0, CapacityVerdict.medianRatio(List.of(), List.of()), 1e-9);
    }

    @Test
    void percentilesAreNearestRank() {
        List<Double> sorted = List.of(1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0);
        assertEquals(5, CapacitySteps.percentile(sorted, 0.50));
        assertEquals(10, CapacitySteps.percentile(sorted, 0.99));
        assertEquals(0, CapacitySteps.percentile(List.of(), 0.99));
    }

    @Test
    void theRatioIsPrintedWithEnoughDigitsToAgreeWithItsVerdict() {
        assertEquals("0.897", AgreeingDigits.of(0.897, 0.90, 2), "below the target: never shown as 0.90");
        assertEquals("0.8999", AgreeingDigits.of(0.89991, 0.90, 2));
        assertEquals("0.90", AgreeingDigits.of(0.9, 0.90, 2));
        assertEquals("0.93", AgreeingDigits.of(0.934, 0.90, 2));
        assertEquals("1.01", AgreeingDigits.of(1.006, 0.90, 2));
    }
}
