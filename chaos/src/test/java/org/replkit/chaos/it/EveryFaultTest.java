package org.replkit.chaos.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.replkit.chaos.ChaosSettings;
import org.replkit.chaos.check.PropertyVerdict;
import org.replkit.chaos.history.Event;
import org.replkit.chaos.history.History;
import org.replkit.chaos.nemesis.FaultKind;
import org.replkit.chaos.report.SummaryFile;
import org.replkit.spec.Outcome;

/**
 * The correct system passes: the reference receivers on their PostgreSQL store, the real sender,
 * every fault kind within the retry schedule at least once (scaled-down timing). The faults that
 * outlast it (long outage, overload, gone) have runs of their own in OutageFaultsTest. The
 * planted-defect tests show the same checker failing.
 */
class EveryFaultTest {

    static final Set<FaultKind> WITHIN_THE_RETRY_SCHEDULE = Arrays.stream(FaultKind.values())
            .filter(k -> !k.outlastsTheRetrySchedule()).collect(Collectors.toCollection(() -> java.util.EnumSet.noneOf(FaultKind.class)));

    @Test
    @Tag("SND-AUDIT-01")
    @Tag("SND-RETRY-01")
    @Tag("SYNC-IDEM-06")
    @Tag("SND-STAT-01")
    @Tag("SND-ORDER-01")
    void theReferenceReceiversOnPostgresLoseNothingUnderEveryFault() throws Exception {
        Path dir = Scenario.reportDir("every-fault");
        // The receivers' store is named by URL (as with --receiver-db-url), with a password that must
        // never show up in any output (trust authentication ignores it; KIT_TEST_PG_URL has its own).
        String canary = "canary-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        String url = Scenario.receiversDatabase();
        if (System.getenv("KIT_TEST_PG_URL") == null || System.getenv("KIT_TEST_PG_URL").isBlank()) {
            url += "&password=" + canary;
        }
        Scenario.Outcome run = Scenario.run(Scenario.base(dir, 7, 32).faults(WITHIN_THE_RETRY_SCHEDULE)
                .referenceReceivers(ChaosSettings.Receiver.REFERENCE_POSTGRES, url));

        assertEquals(0, run.result().exitCode(), run.console());
        run.result().verdicts().forEach(v -> assertEquals(Outcome.PASSED, v.outcome(), v.property() + ": " + v.summary()));
        Set<String> applied = run.result().figures().faultsInjected().entrySet().stream()
                .filter(e -> e.getValue() > 0).map(java.util.Map.Entry::getKey).collect(Collectors.toSet());
        assertEquals(WITHIN_THE_RETRY_SCHEDULE.stream().map(FaultKind::label).collect(Collectors.toSet()), applied,
                "every fault kind applied at least once");
        assertEquals(0, run.result().figures().changesLost());
        assertTrue(run.result().figures().changesCommitted() > 300, "writes kept going: " + run.result().figures().changesCommitted());

        History history = History.read(dir.resolve("history.jsonl"));
        for (Class<? extends Event> kind : List.of(Event.Run.class, Event.Commit.class, Event.Fault.class, Event.Wire.class,
                Event.Item.class, Event.Attempt.class, Event.InstanceCounters.class, Event.SenderRow.class,
                Event.ReceiverRow.class, Event.Redelivery.class, Event.Drain.class)) {
            assertTrue(!history.all(kind).isEmpty(), "the history holds " + kind.getSimpleName() + " events");
        }
        assertEquals("passed", SummaryFile.read(dir).path("verdict").asText());
        for (Path file : List.of(dir.resolve("summary.json"), dir.resolve("index.html"), dir.resolve("history.jsonl"),
                dir.resolve("receiver.log"))) {
            String text = Files.readString(file);
            assertTrue(!text.contains(canary) && !text.contains("password="), "no password in " + file.getFileName());
        }
        assertTrue(!run.console().contains(canary) && !run.console().contains("password="), "no password on the console");
        assertTrue(Files.readString(dir.resolve("index.html")).contains("<svg class=\"timeline\""));
    }
}
