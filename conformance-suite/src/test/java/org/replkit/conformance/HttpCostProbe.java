package org.replkit.conformance;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.replkit.conformance.http.ExchangeLog;
import org.replkit.conformance.http.Http;
import org.replkit.conformance.model.EndpointKind;
import org.replkit.conformance.records.Samples;
import org.replkit.conformance.selftest.FaultyReceiver;

@Tag("benchmark")
class HttpCostProbe {
    @Test
    void cost() throws Exception {
        try (FaultyReceiver r = FaultyReceiver.correct(null, null)) {
            Http http = new Http(new ExchangeLog(), Duration.ofSeconds(6));
            HttpClient jdk = HttpClient.newHttpClient();
            for (int round = 0; round < 3; round++) {
                long t = System.nanoTime();
                for (int i = 0; i < 200; i++) {
                    http.post(URI.create(r.patternsUrl()), Samples.fresh(EndpointKind.PATTERNS).toString().getBytes(), "application/json", Map.of());
                }
                long ra = (System.nanoTime() - t) / 200_000;
                t = System.nanoTime();
                for (int i = 0; i < 200; i++) {
                    jdk.send(HttpRequest.newBuilder(URI.create(r.patternsUrl())).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(Samples.fresh(EndpointKind.PATTERNS).toString())).build(),
                            HttpResponse.BodyHandlers.ofString());
                }
                long jd = (System.nanoTime() - t) / 200_000;
                System.out.println("round " + round + ": rest-assured " + ra + " us/request, jdk " + jd + " us/request");
            }
        }
    }
}
