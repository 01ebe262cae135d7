package org.replkit.conformance.run;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.replkit.spec.Profile;

/**
 * How a run behaves, apart from what it checks.
 *
 * @param seed            the QuickTheories seed; the report prints it so a run can be repeated
 * @param examples        examples per property (each example is one to a dozen requests)
 * @param deliveryTimeout the sender's timeout (SYNC-TIME-01)
 * @param burstLimit      the answer time allowed under a burst (SYNC-TIME-02)
 * @param burstSize       deliveries in the burst
 * @param only            the requirements to check; empty for all
 */
public record RunSettings(Profile profile, long seed, int examples, Duration deliveryTimeout, Duration burstLimit,
                          int burstSize, java.util.Set<String> only) {

    public RunSettings {
        only = only == null ? java.util.Set.of() : java.util.Set.copyOf(only);
    }

    /** The contract's figures: 5 s timeout, 50 concurrent deliveries within 1 s. */
    public static RunSettings defaults(Profile profile) {
        long seed = envLong("KIT_VERIFY_SEED", ThreadLocalRandom.current().nextLong());
        int examples = (int) envLong("KIT_VERIFY_EXAMPLES", 20);
        return new RunSettings(profile, seed, examples, Duration.ofSeconds(5), Duration.ofSeconds(1), 50, null);
    }

    public RunSettings withExamples(int n) {
        return new RunSettings(profile, seed, n, deliveryTimeout, burstLimit, burstSize, only);
    }

    /** Runs only the checks of these requirements (the others are skipped as "not selected"). */
    public RunSettings only(java.util.Set<String> requirementIds) {
        return new RunSettings(profile, seed, examples, deliveryTimeout, burstLimit, burstSize, requirementIds);
    }

    public boolean selected(String requirementId) {
        return only.isEmpty() || only.contains(requirementId);
    }

    /** How long the client waits for an answer: past the timeout, so a late answer is seen as late. */
    public Duration clientTimeout() {
        return deliveryTimeout.plusSeconds(1);
    }

    /** From the environment variable, else the system property of the same name in lower case with dots. */
    private static long envLong(String name, long fallback) {
        String v = System.getenv(name);
        if (v == null) {
            v = System.getProperty(name.toLowerCase(java.util.Locale.ROOT).replace('_', '.'));
        }
        try {
            return v == null || v.isBlank() ? fallback : Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
