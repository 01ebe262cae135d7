package org.replkit.conformance.senderverify;

import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Without a database: every planted sender defect still finds its text, exactly once, in today's
 * sender, so a change to the sender that moves the text fails here rather than leaving a defect unplanted.
 */
class PlantedSenderDefectTest {

    @ParameterizedTest
    @EnumSource(PlantedSenderDefect.class)
    void theTextToBreakIsInTodaysSenderExactlyOnce(PlantedSenderDefect defect) {
        assertNotEquals(defect.original(), defect.patched());
    }
}
