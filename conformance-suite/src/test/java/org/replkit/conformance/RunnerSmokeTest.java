package org.replkit.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.replkit.conformance.model.ConformanceResult;
import org.replkit.conformance.model.Targets;
import org.replkit.conformance.run.ConformanceRunner;
import org.replkit.conformance.run.ProgressPrinter;
import org.replkit.conformance.run.RunSettings;
import org.replkit.conformance.selftest.FaultyReceiver;
import org.replkit.spec.Profile;

class RunnerSmokeTest {

    @Test
    void correctReceiverPasses() {
        try (FaultyReceiver r = FaultyReceiver.correct("tok", "admin")) {
            Targets t = Targets.receivers(r.patternsUrl(), r.metricsUrl()).withToken("tok").withStatus(r.statusUrl(), "admin");
            ConformanceResult result = ConformanceRunner.run(t, RunSettings.defaults(Profile.STRICT), null,
                    new ProgressPrinter(System.out));
            result.verdicts().forEach(v -> System.out.println(v.id() + " " + v.endpoint() + " " + v.verdict() + " " + v.reason()));
            assertTrue(result.passes());
        }
    }
}
