package org.replkit.chaos.it;

import org.replkit.spec.Outcome;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.replkit.chaos.ChaosSettings;
import org.replkit.chaos.check.Problem;
import org.replkit.chaos.check.PropertyVerdict;
import org.replkit.chaos.history.Event;
import org.replkit.chaos.history.History;
import org.replkit.chaos.nemesis.FaultKind;
import org.replkit.sender.SenderTiming;

/**
 * The faults that outlast the spec's retry schedule, on the real path at the fast timing (1 s ticks
 * and timeout, retries after 1, 2, 4 s: a long outage of 28 s or more). A sender that keeps the
 * schedule literally (outage_policy 'fail') loses every change of a long outage, and `converged`
 * names them; the reference sender's default ('pause') rides out a long outage, an overload and a
 * removed instance, losing nothing.
 */
class OutageFaultsTest {

    @Test
    @Tag("E2E-01")
    void aSenderThatKeepsTheSpecsScheduleLiterallyLosesALongOutageAndConvergedNamesTheLostRecords() throws Exception {
        var dir = Scenario.reportDir("long-outage-fail");
        Scenario.Outcome run = Scenario.run(Scenario.base(dir, 21, 45).timing(SenderTiming.FAST)
                .faults(EnumSet.of(FaultKind.LONG_OUTAGE)).outagePolicy(ChaosSettings.OutagePolicy.FAIL));

        assertEquals(1, run.result().exitCode(), run.console());
        PropertyVerdict converged = run.verdict("converged");
        assertEquals(Outcome.FAILED, converged.outcome(), converged.summary());
        List<Problem> givenUp = run.problems("converged", "given up by the sender");
        assertFalse(givenUp.isEmpty(), converged.problems().toString());
        assertTrue(converged.summary().contains(givenUp.get(0).lane() + "/" + givenUp.get(0).recordId()),
                "the summary names lost records: " + converged.summary());

        // Every record named was last written during the outage (or within its retries before it), and failed.
        History h = History.read(dir.resolve("history.jsonl"));
        Event.Fault start = h.all(Event.Fault.class).stream().filter(f -> f.phase().equals("start")).findFirst().orElseThrow();
        Event.Fault end = h.all(Event.Fault.class).stream().filter(f -> f.phase().equals("end")).findFirst().orElseThrow();
        Map<UUID, Instant> lastWrite = h.all(Event.Commit.class).stream()
                .collect(Collectors.toMap(Event.Commit::id, Event.Commit::t, (a, b) -> a.isAfter(b) ? a : b));
        for (Problem p : givenUp) {
            Instant written = lastWrite.get(p.recordId());
            assertTrue(!written.isBefore(start.t().minusSeconds(10)) && !written.isAfter(end.t()),
                    p.recordId() + " last written at " + written + ", the outage ran " + start.t() + " to " + end.t());
            assertTrue(p.actual().contains("long-outage #1"), p.actual());
        }
        assertTrue(run.console().contains("outage_policy fail"), "the console says which policy was judged");
    }

    /**
     * Needs the sender that rides out outages: on a sender without outage_policy (which behaves as
     * 'fail') the long outage's changes end failed (`converged`, `newest` and `retries` fail), the
     * overload's 429s fail their items at once (`retries`: "429 treated as final"), and the instance
     * that answers 410 is neither deactivated nor left alone (`gone`).
     */
    @Test
    @Tag("E2E-01")
    @Tag("SND-RETRY-01")
    @Tag("SND-PAUSE-01")
    @Tag("SND-RETRYAFTER-01")
    @Tag("SND-GONE-01")
    void theReferenceSenderRidesOutALongOutageAnOverloadAndARemovedInstanceLosingNothing() {
        var dir = Scenario.reportDir("outages-pause");
        Set<FaultKind> outlasting = EnumSet.of(FaultKind.LONG_OUTAGE, FaultKind.OVERLOAD, FaultKind.GONE);
        Scenario.Outcome run = Scenario.run(Scenario.base(dir, 22, 60).timing(SenderTiming.FAST)
                .faults(outlasting).outagePolicy(ChaosSettings.OutagePolicy.PAUSE));

        run.result().verdicts().forEach(v -> assertEquals(Outcome.PASSED, v.outcome(),
                v.property() + ": " + v.summary() + " " + v.problems().stream().limit(3).toList()));
        assertEquals(0, run.result().exitCode(), run.console());
        assertEquals(0, run.result().figures().changesLost());
        assertTrue(run.result().verdicts().stream().anyMatch(v -> v.property().equals("gone")), "the removed instance was judged");
    }
}
