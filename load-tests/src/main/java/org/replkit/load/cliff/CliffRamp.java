package org.replkit.load.cliff;

import java.util.ArrayList;
import java.util.List;

/**
 * The open-model ramp of the cliff profile: rate steps, each {@value #GROWTH_PERCENT}% above the
 * one before (so the rate at which the receiver gives way is known to within that), each held for
 * the same time, from a start rate to a ceiling.
 */
public record CliffRamp(double startPerS, double maxPerS, long stepMs) {

    public static final int GROWTH_PERCENT = 10;

    public CliffRamp {
        if (startPerS <= 0 || maxPerS < startPerS || stepMs < 100) {
            throw new IllegalArgumentException("a cliff ramp needs 0 < start rate <= max rate and steps of at least 100 ms, not "
                    + startPerS + "/s to " + maxPerS + "/s in " + stepMs + " ms steps");
        }
    }

    /** The rate of each step, deliveries per second, start first. */
    public List<Double> rates() {
        List<Double> rates = new ArrayList<>();
        for (double r = startPerS; r <= maxPerS * 1.0001; r *= 1 + GROWTH_PERCENT / 100.0) {
            rates.add(r);
        }
        return rates;
    }

    /** The step a delivery sent {@code sentMs} after the ramp began belongs to. */
    public int stepOf(long sentMs) {
        return (int) Math.min(sentMs / stepMs, rates().size() - 1);
    }
}
