package org.replkit.conformance.selftest;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.replkit.conformance.checks.support.Concurrently;
import org.replkit.conformance.http.Answer;
import org.replkit.conformance.http.ExchangeLog;
import org.replkit.conformance.http.Http;
import org.replkit.conformance.model.EndpointKind;
import org.replkit.conformance.records.Samples;

class ConcurrencyProbeTest {
    @Test
    void probe() {
        try (FaultyReceiver r = FaultyReceiver.correct(null, null)) {
            Http http = new Http(new ExchangeLog(), Duration.ofSeconds(6));
            for (int round = 0; round < 4; round++) {
                long t = System.nanoTime();
                List<Answer> a = Concurrently.send(50, i -> http.forThread().post(URI.create(r.patternsUrl()),
                        Samples.fresh(EndpointKind.PATTERNS).toString().getBytes(), "application/json", Map.of()));
                System.out.println("round " + round + " max in flight " + r.maxInFlight() + " total ms " + (System.nanoTime() - t) / 1_000_000
                        + " slowest " + a.stream().mapToLong(Answer::millis).max().getAsLong());
            }
        }
    }
}
