package org.replkit.chaos.it;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.replkit.chaos.ChaosRun;
import org.replkit.chaos.ChaosSettings;
import org.replkit.chaos.check.Problem;
import org.replkit.chaos.check.PropertyVerdict;
import org.replkit.chaos.nemesis.FaultKind;
import org.replkit.chaos.nemesis.FaultWindow;
import org.replkit.receivers.testsupport.TestPostgres;
import org.replkit.sender.SenderDatabase;
import org.replkit.sender.SenderTiming;

/**
 * Short chaos runs for the tests: the real path at a scaled-down timing ({@link #TIMING}), a 5 s grace for lost requests, the receivers' store in a schema of its
 * own in KIT_TEST_PG_URL when set, else in one throwaway cluster shared by the test JVM.
 */
final class Scenario {

    private Scenario() {
    }

    /** Where a test's run keeps its report: target/chaos-it/NAME (left for a look after a failure). */
    static Path reportDir(String name) {
        return Path.of("target", "chaos-it", name).toAbsolutePath();
    }

    /**
     * The tests' sender timing: ticks and timeout as SenderTiming.FAST (1 s), with two more retries
     * (1, 2, 4, 8, 8 s), so that a receiver process that takes 15 s to start again on a loaded
     * machine is still within the retry budget, as it is by far at the spec's timing.
     */
    static final SenderTiming TIMING = new SenderTiming(1, 1000, List.of(1.0, 2.0, 4.0, 8.0), 5);

    static ChaosSettings.Builder base(Path reportDir, long seed, double seconds) {
        return ChaosSettings.builder()
                .seed(seed)
                .duration(Duration.ofMillis(Math.round(seconds * 1000)))
                .timing(TIMING)
                .lostGraceSeconds(5)
                .senderBackend(SenderDatabase.Backend.DEBOOTSTRAP)
                .reportDir(reportDir)
                .referenceReceivers(ChaosSettings.Receiver.REFERENCE_POSTGRES, receiversDatabase());
    }

    /**
     * The receivers' PostgreSQL for every run of the test JVM (each run makes and drops a schema of its
     * own in it): KIT_TEST_PG_URL when set, else one throwaway cluster, stopped when the JVM exits.
     */
    static String receiversDatabase() {
        return TestPostgres.baseUrl();
    }

    static FaultWindow window(int number, FaultKind kind, String target, double startS, double lengthS, long delayMillis) {
        return new FaultWindow(number, kind, target, Duration.ofMillis(Math.round(startS * 1000)),
                Duration.ofMillis(Math.round(lengthS * 1000)), delayMillis);
    }

    /** Runs it; the console goes to the test's output and into {@link Outcome#console()}. */
    static Outcome run(ChaosSettings.Builder settings) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream tee = new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                buffer.write(b);
                System.out.write(b);
            }
        }, true, StandardCharsets.UTF_8);
        ChaosRun.Result result = ChaosRun.execute(settings.build(), tee);
        tee.flush();
        return new Outcome(result, buffer.toString(StandardCharsets.UTF_8));
    }

    record Outcome(ChaosRun.Result result, String console) {

        PropertyVerdict verdict(String property) {
            return result.verdicts().stream().filter(v -> v.property().equals(property)).findFirst()
                    .orElseThrow(() -> new AssertionError("no verdict for " + property + "; console:\n" + console));
        }

        List<String> failed() {
            return result.verdicts().stream().filter(PropertyVerdict::failed).map(PropertyVerdict::property).toList();
        }

        List<Problem> problems(String property, String kind) {
            return verdict(property).problems().stream().filter(p -> p.kind().equals(kind)).toList();
        }
    }
}
