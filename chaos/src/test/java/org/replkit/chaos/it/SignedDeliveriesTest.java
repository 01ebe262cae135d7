package org.replkit.chaos.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.EnumSet;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.replkit.chaos.ChaosSettings;
import org.replkit.chaos.nemesis.FaultKind;

/**
 * kit chaos with a signing secret: the sender signs every attempt, a retry after a lost answer, a 503
 * or a killed receiver included, and the reference receivers, which then refuse anything unsigned or
 * stale with a 401 that is never retried, still end holding every record. No report shows the secret.
 */
class SignedDeliveriesTest {

    @Test
    @Tag("SND-SIG-01")
    void signedRunsLoseNothingUnderLostAnswers503sAndReceiverKills() throws Exception {
        Path dir = Scenario.reportDir("signed");
        String key = Base64.getEncoder().encodeToString(("canary-" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8));
        ChaosSettings.Builder settings = Scenario.base(dir, 23, 16)
                .faults(EnumSet.of(FaultKind.LOST_ACK, FaultKind.RECEIVER_KILL, FaultKind.UNAVAILABLE))
                .signingSecret("whsec_" + key);
        Scenario.Outcome run = Scenario.run(settings);

        assertEquals(0, run.result().exitCode(), run.console());
        assertEquals(0, run.result().figures().changesLost());
        assertTrue(run.result().figures().changesCommitted() > 50, "writes kept going: " + run.result().figures().changesCommitted());
        assertFalse(run.console().contains(key), "the console shows the signing secret");
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertFalse(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1).contains(key), f + " shows the signing secret");
            }
        }
    }
}
