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
import org.replkit.chaos.check.PropertyVerdict;
import org.replkit.chaos.history.Event;
import org.replkit.chaos.history.History;
import org.replkit.chaos.nemesis.FaultKind;

/**
 * The correct system passes: the reference receivers on their PostgreSQL store, the real sender,
 * every fault kind at least once (scaled-down timing). The planted-defect tests show the same
 * checker failing.
 */
class EveryFaultTest {

    @Test
    @Tag("SND-AUDIT-01")
    @Tag("SND-RETRY-01")
    @Tag("SYNC-IDEM-06")
    @Tag("SND-STAT-01")
    @Tag("SND-ORDER-01")
    void theReferenceReceiversOnPostgresLoseNothingUnderEveryFault() throws Exception {
        Path dir = Scenario.reportDir("every-fault");
        Scenario.Outcome run = Scenario.run(Scenario.base(dir, 7, 36));

        assertEquals(0, run.result().exitCode(), run.console());
        run.result().verdicts().forEach(v -> assertEquals(PropertyVerdict.Outcome.PASS, v.outcome(), v.property() + ": " + v.summary()));
        Set<String> applied = run.result().figures().faultsInjected().entrySet().stream()
                .filter(e -> e.getValue() > 0).map(java.util.Map.Entry::getKey).collect(Collectors.toSet());
        assertEquals(Arrays.stream(FaultKind.values()).map(FaultKind::label).collect(Collectors.toSet()), applied,
                "every fault kind applied at least once");
        assertEquals(0, run.result().figures().changesLost());
        assertTrue(run.result().figures().changesCommitted() > 400, "writes kept going: " + run.result().figures().changesCommitted());

        History history = History.read(dir.resolve("history.jsonl"));
        for (Class<? extends Event> kind : List.of(Event.Run.class, Event.Commit.class, Event.Fault.class, Event.Wire.class,
                Event.Item.class, Event.Attempt.class, Event.InstanceCounters.class, Event.SenderRow.class,
                Event.ReceiverRow.class, Event.Redelivery.class, Event.Drain.class)) {
            assertTrue(!history.all(kind).isEmpty(), "the history holds " + kind.getSimpleName() + " events");
        }
        assertTrue(Files.readString(dir.resolve("summary.json")).contains("\"verdict\" : \"passed\""));
        assertTrue(Files.readString(dir.resolve("index.html")).contains("<svg class=\"timeline\""));
    }
}
