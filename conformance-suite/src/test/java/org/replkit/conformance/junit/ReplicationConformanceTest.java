package org.replkit.conformance.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.replkit.conformance.selftest.Fault;
import org.replkit.conformance.selftest.FaultyReceiver;

/**
 * The JUnit 5 entry point as a team's build sees it: run through the JUnit Platform (EngineTestKit),
 * a correct receiver gives no failing test, a broken one fails the test named by the requirement
 * it breaks, and what was not judged is reported as skipped (aborted) with the reason.
 */
class ReplicationConformanceTest {

    /** Where the probe class below reaches the receiver; set by each test before it runs the probe. */
    static volatile String patternsUrl;
    static volatile Path reports;

    /** What a team writes: one test class, one factory. Nested, so surefire does not run it alone. */
    static class TeamConformanceTest {
        @TestFactory
        Stream<DynamicTest> replicationContract() {
            return ReplicationConformance.receiver().patternsUrl(patternsUrl).examples(5).reportDir(reports).tests();
        }
    }

    @Test
    void aCorrectReceiverGivesNoFailingTest(@TempDir Path dir) throws Exception {
        try (FaultyReceiver r = FaultyReceiver.correct(null, null)) {
            EngineExecutionResults results = probe(r.patternsUrl(), dir);
            assertEquals(0, results.testEvents().failed().count(), describe(results));
            assertTrue(results.testEvents().succeeded().count() > 15, describe(results));
            List<String> all = names(results.testEvents().started().stream());
            assertTrue(all.stream().noneMatch(n -> n.contains("[metrics]") || n.contains("[status]")),
                    "only the endpoint given is this build's subject: " + all);
            List<String> skipped = names(results.testEvents().aborted().stream());
            assertTrue(skipped.stream().anyMatch(n -> n.startsWith("SYNC-AUTH-01 [patterns]")), skipped.toString());
            assertTrue(Files.exists(dir.resolve("junit.xml")) && Files.exists(dir.resolve("index.html")));
        }
    }

    @Test
    void aBrokenReceiverFailsTheTestNamedByTheRuleItBreaks(@TempDir Path dir) {
        try (FaultyReceiver r = FaultyReceiver.start(Set.of(Fault.STALE_OVERWRITE), null, null)) {
            EngineExecutionResults results = probe(r.patternsUrl(), dir);
            List<String> failed = names(results.testEvents().failed().stream());
            assertTrue(failed.stream().anyMatch(n -> n.startsWith("SYNC-IDEM-03 [patterns]")), failed.toString());
            String message = results.testEvents().failed().stream()
                    .filter(e -> e.getTestDescriptor().getDisplayName().startsWith("SYNC-IDEM-03"))
                    .map(e -> e.getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow()
                            .getThrowable().orElseThrow().getMessage())
                    .findFirst().orElseThrow();
            assertTrue(message.contains("Reproduce with: curl"), message);
        }
    }

    private static EngineExecutionResults probe(String url, Path dir) {
        patternsUrl = url;
        reports = dir;
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(TeamConformanceTest.class)).execute();
    }

    private static List<String> names(Stream<Event> events) {
        return events.map(e -> e.getTestDescriptor().getDisplayName()).toList();
    }

    private static String describe(EngineExecutionResults r) {
        return "failed " + names(r.testEvents().failed().stream()) + "\naborted " + names(r.testEvents().aborted().stream());
    }
}
