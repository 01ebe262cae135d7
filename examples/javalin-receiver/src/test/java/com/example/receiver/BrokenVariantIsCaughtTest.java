package com.example.receiver;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.replkit.conformance.junit.ReplicationConformance;

/**
 * The conformance test can fail: the same test against the deliberately broken variant (the last
 * delivery wins) must fail SYNC-IDEM-03, the rule it breaks.
 */
class BrokenVariantIsCaughtTest {

    static ExampleReceiver broken;

    /** The team's conformance test, pointed at the broken variant. Nested, so surefire runs it only here. */
    static class AgainstTheBrokenVariant {
        @TestFactory
        Stream<DynamicTest> replicationContract() {
            return ReplicationConformance.receiver()
                    .patternsUrl(broken.url("/sync/patterns"))
                    .reportDir(java.nio.file.Paths.get("target", "broken-variant-conformance"))
                    .tests();
        }
    }

    @Test
    void theConformanceTestFailsTheRuleTheBrokenVariantBreaks() {
        try (ExampleReceiver receiver = ExampleReceiver.startLastWriteWins()) {
            broken = receiver;
            List<String> failed = EngineTestKit.engine("junit-jupiter")
                    .selectors(selectClass(AgainstTheBrokenVariant.class)).execute()
                    .testEvents().failed().stream()
                    .map(e -> e.getTestDescriptor().getDisplayName())
                    .toList();
            assertTrue(failed.stream().anyMatch(name -> name.startsWith("SYNC-IDEM-03 [patterns]")), failed.toString());
        }
    }
}
