package org.replkit.load.capacity;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A measured value printed beside its target with enough decimals that the printed figures compare
 * as the values do: 0.897 against a target of 0.90 prints "0.897", never "0.90" beside a failure.
 */
final class AgreeingDigits {

    private static final int MOST_DECIMALS = 6;

    private AgreeingDigits() {
    }

    /** The value with at least minDecimals decimals, more when fewer would make it look >= the target it is below. */
    static String of(double value, double target, int minDecimals) {
        boolean reaches = value >= target;
        for (int decimals = minDecimals; decimals < MOST_DECIMALS; decimals++) {
            BigDecimal shown = BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP);
            if ((shown.doubleValue() >= target) == reaches) {
                return shown.toPlainString();
            }
        }
        return BigDecimal.valueOf(value).setScale(MOST_DECIMALS, RoundingMode.HALF_UP).toPlainString();
    }
}
