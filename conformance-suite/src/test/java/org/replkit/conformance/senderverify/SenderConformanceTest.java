package org.replkit.conformance.senderverify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.replkit.conformance.junit.SenderConformance;

/**
 * The sender's JUnit 5 entry point as a team's build sees it (EngineTestKit): the foreign test sender
 * gives one test per sender requirement, none failing, and the audit-trail ids and the crash skipped
 * (aborted) with their reason.
 */
class SenderConformanceTest {

    static volatile String jdbcUrl;
    static volatile String registerSql;
    static volatile Path reports;

    /** What a team writes: one test class, one factory. Nested, so surefire does not run it alone. */
    static class TeamSenderTest {
        @TestFactory
        Stream<DynamicTest> senderContract() {
            return SenderConformance.sender(jdbcUrl).registerSql(registerSql).timing("fast").reportDir(reports).tests();
        }
    }

    @Test
    void aConformingSenderGivesNoFailingTestAndTheAuditIdsAreSkipped(@TempDir Path dir) throws Exception {
        String schema = "acme_junit_sender";
        try (ForeignTestSender sender = new ForeignTestSender(ForeignSenderTest.pgUrl(), schema)) {
            jdbcUrl = ForeignTestSender.withSchema(ForeignSenderTest.pgUrl(), schema);
            registerSql = "SELECT pg_notify('" + schema + "_register', '{table} {url}')";
            reports = dir;
            EngineExecutionResults results = org.junit.platform.testkit.engine.EngineTestKit.engine("junit-jupiter")
                    .selectors(selectClass(TeamSenderTest.class)).execute();
            assertEquals(0, results.testEvents().failed().count(), results.testEvents().failed().list().toString());
            assertEquals(7, results.testEvents().succeeded().count());
            List<String> skipped = results.testEvents().aborted().stream().map(e -> e.getTestDescriptor().getDisplayName()).toList();
            // the audit-trail ids and the crash; SND-SIG-01 without a secret; the four SHOULD ids core does not run
            assertEquals(8, skipped.size(), skipped.toString());
            assertTrue(skipped.stream().anyMatch(n -> n.startsWith("SND-AUDIT-01 [sender]")), skipped.toString());
            assertTrue(Files.readString(dir.resolve("badge.svg")).contains("sender spec"));
        }
    }
}
