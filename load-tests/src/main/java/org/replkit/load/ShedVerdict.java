package org.replkit.load;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.replkit.load.cliff.CliffRecorder;
import org.replkit.spec.Outcome;

/**
 * SYNC-SHED-01 as a load run sees it: an overloaded receiver answers 429 or 503 with Retry-After
 * rather than after the sender's timeout. Passed when the run shed deliveries that way and none was
 * answered at or after the timeout (or not at all); failed when answers came late, or a 429/503 came
 * without Retry-After; cantTell when the run never overloaded the receiver (nothing shed, nothing
 * late), which is never a failure. Judged by the catch-up and cliff profiles.
 *
 * @param shed              429/503 answers with Retry-After
 * @param withoutRetryAfter 429/503 answers without it
 * @param late              answers at or after the timeout, and requests that got none in time
 * @param generatorLimit    the load generator's own limit of deliveries in flight when the run
 *                          stopped there (the cliff profile), else 0
 */
public record ShedVerdict(long shed, long withoutRetryAfter, long late, long timeoutMs, String lateDetail, long generatorLimit) {

    public static final String ID = "SYNC-SHED-01";

    /** Catch-up: Gatling cuts a delivery at the timeout, so "late" is a slowest answer that reached it. */
    static ShedVerdict ofCatchUp(JsonNode shedding, long maxMs) {
        long timeoutMs = shedding.path("timeoutMs").asLong(5000);
        boolean late = maxMs >= timeoutMs;
        return new ShedVerdict(shedding.path("shed").asLong(), shedding.path("withoutRetryAfter").asLong(),
                late ? 1 : 0, timeoutMs, late ? "the slowest delivery took " + maxMs + " ms" : "", 0);
    }

    /** Cliff: it waits past the timeout, so it counts the late answers; errors without any answer count as late too. */
    static ShedVerdict ofCliff(JsonNode cliff, long timeoutMs) {
        long late = cliff.path("lateAnswers").asLong();
        long generatorLimit = cliff.path("stoppedByLoadGenerator").asBoolean() ? cliff.path("loadGeneratorMaxInFlight").asLong() : 0;
        return new ShedVerdict(cliff.path("shed").asLong(), cliff.path("shedWithoutRetryAfter").asLong(), late, timeoutMs,
                late + " acknowledgements came after the timeout", generatorLimit);
    }

    public Outcome outcome() {
        if (withoutRetryAfter > 0 || late > 0) {
            return Outcome.FAILED;
        }
        return shed > 0 ? Outcome.PASSED : Outcome.CANT_TELL;
    }

    /** One line a receiver's author can act on. */
    public String reason() {
        if (withoutRetryAfter > 0) {
            return withoutRetryAfter + " answers were 429 or 503 without Retry-After: the sender cannot tell when to come back";
        }
        if (late > 0) {
            return lateDetail + " (the sender gives up at " + timeoutMs + " ms and sends it again) "
                    + (shed == 0 ? "and nothing was shed" : "although " + shed + " were shed")
                    + ": answer 429 or 503 with Retry-After instead";
        }
        if (shed > 0) {
            return shed + " deliveries were shed with 429/503 and Retry-After, and none was answered after the timeout";
        }
        if (generatorLimit > 0) {
            return "the run stopped at the load generator's own limit of " + generatorLimit + " deliveries in flight before the"
                    + " receiver was overloaded: nothing was shed and every answer came within the timeout; "
                    + CliffRecorder.RAISE_THE_LIMIT + " to go further";
        }
        return "the run never overloaded the receiver: nothing was shed and every answer came within the timeout";
    }

    /** The entry of summary.json's {@code requirements} array. */
    public Map<String, Object> entry() {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("id", ID);
        e.put("outcome", outcome().label());
        e.put("reason", reason());
        return e;
    }
}
