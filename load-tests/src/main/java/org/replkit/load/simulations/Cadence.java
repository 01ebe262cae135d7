package org.replkit.load.simulations;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.nothingFor;

import io.gatling.javaapi.core.OpenInjectionStep;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The sender's rhythm as Gatling injection steps. Each virtual user is one delivery; at every tick
 * all of them start at once, as pg_cron fires every instance's job on the same clock and pg_net
 * sends the tick's queue concurrently.
 */
final class Cadence {

    private Cadence() {
    }

    /** How many ticks fit in {@code duration}: at least one. */
    static int ticksIn(Duration duration, Duration cadence) {
        return (int) Math.max(1, duration.toMillis() / cadence.toMillis());
    }

    /** {@code ticks} bursts of {@code deliveriesPerTick}, {@code cadence} apart (no trailing pause). */
    static List<OpenInjectionStep> ticks(int ticks, int deliveriesPerTick, Duration cadence) {
        List<OpenInjectionStep> steps = new ArrayList<>();
        for (int i = 0; i < ticks; i++) {
            if (i > 0) {
                steps.add(nothingFor(cadence));
            }
            steps.add(atOnceUsers(deliveriesPerTick));
        }
        return steps;
    }

    /** {@code total} deliveries in ticks of at most {@code perTick}. */
    static List<OpenInjectionStep> spread(int total, int perTick, Duration cadence) {
        List<OpenInjectionStep> steps = new ArrayList<>();
        for (int sent = 0; sent < total; sent += perTick) {
            if (sent > 0) {
                steps.add(nothingFor(cadence));
            }
            steps.add(atOnceUsers(Math.min(perTick, total - sent)));
        }
        return steps;
    }
}
