package org.replkit.conformance.model;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.replkit.spec.Profile;

/**
 * How a run behaves, apart from what it checks.
 *
 * @param seed            the QuickTheories seed; every report prints it, and --seed repeats a run's examples
 * @param examples        examples per property (each example is one to a dozen requests)
 * @param deliveryTimeout the sender's timeout (SYNC-TIME-01)
 * @param burstLimit      the answer time allowed under a burst (SYNC-TIME-02)
 * @param burstSize       deliveries in the burst
 * @param only            the requirements to check; empty for all
 * @param maxDuration     the whole run's bound: checks not ended by then cannot tell
 */
public record RunSettings(Profile profile, long seed, int examples, Duration deliveryTimeout, Duration burstLimit,
                          int burstSize, Set<String> only, Duration maxDuration) {

    /** Long enough for a slow but timely receiver (a core run takes about half a minute here). */
    public static final Duration DEFAULT_MAX_DURATION = Duration.ofMinutes(15);

    public RunSettings {
        only = only == null ? Set.of() : Set.copyOf(only);
        maxDuration = maxDuration == null ? DEFAULT_MAX_DURATION : maxDuration;
    }

    /** The contract's figures: 5 s timeout, 50 concurrent deliveries within 1 s; a random seed. */
    public static RunSettings defaults(Profile profile) {
        long seed = envLong("KIT_VERIFY_SEED", ThreadLocalRandom.current().nextLong());
        int examples = (int) envLong("KIT_VERIFY_EXAMPLES", 20);
        return new RunSettings(profile, seed, examples, Duration.ofSeconds(5), Duration.ofSeconds(1), 50, null, null);
    }

    public RunSettings withExamples(int n) {
        return new RunSettings(profile, seed, n, deliveryTimeout, burstLimit, burstSize, only, maxDuration);
    }

    public RunSettings withSeed(long s) {
        return new RunSettings(profile, s, examples, deliveryTimeout, burstLimit, burstSize, only, maxDuration);
    }

    public RunSettings withMaxDuration(Duration d) {
        return new RunSettings(profile, seed, examples, deliveryTimeout, burstLimit, burstSize, only, d);
    }

    /** Runs only the checks of these requirements (the others are inapplicable: "not selected"). */
    public RunSettings only(Set<String> requirementIds) {
        return new RunSettings(profile, seed, examples, deliveryTimeout, burstLimit, burstSize, requirementIds, maxDuration);
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
