package org.replkit.load.cliff;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.replkit.load.cliff.CliffRecorder.Kind;
import org.replkit.load.cliff.CliffRecorder.Sample;

/** The load generator's own limit of deliveries in flight: it stops the ramp, and is not taken for the receiver's cliff. */
class CliffRecorderTest {

    @Test
    void oneDeliveryPastTheLoadGeneratorsLimitStopsTheRampAsTheGeneratorsDoing() {
        CliffRecorder recorder = new CliffRecorder(5_000, 3);
        for (int i = 0; i < 3; i++) {
            recorder.sent();
        }
        assertFalse(recorder.shouldStop());
        recorder.sent();
        assertTrue(recorder.shouldStop());
        assertTrue(recorder.stoppedByLoadGenerator());
        assertTrue(recorder.stopReason().contains("limit of 3 deliveries in flight"), recorder.stopReason());
    }

    @Test
    void aLateAnswerBeforeTheLoadGeneratorsLimitGivesNoCliffRate() {
        // One answer late, another in time: the same samples give a cliff rate only when the receiver stopped the ramp.
        List<Sample> samples = List.of(new Sample(0, 1, 1_500, 200, Kind.LATE_ACK), new Sample(100, 2, 10, 200, Kind.ACK));
        CliffRamp ramp = new CliffRamp(10, 20, 1_000);
        CliffResult byGenerator = CliffResult.of(ramp, 1_000, samples, "the load generator reached its own limit", true);
        assertTrue(byGenerator.stoppedByLoadGenerator());
        assertNull(byGenerator.ratePerS());
        assertNotNull(CliffResult.of(ramp, 1_000, samples, "the p99 of acknowledgements crossed 1000 ms", false).ratePerS());
    }

    @Test
    void theDefaultLimitIsBelowTheFilesThisProcessMayStillOpen() {
        int limit = CliffRecorder.defaultMaxInFlight();
        assertTrue(limit >= 1, "at least one delivery: " + limit);
        var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            assertTrue(limit < unix.getMaxFileDescriptorCount() - unix.getOpenFileDescriptorCount(), "room left for reports: " + limit);
        }
    }
}
