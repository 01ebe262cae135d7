package org.replkit.chaos.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.replkit.chaos.ChaosSettings;
import org.replkit.chaos.check.Problem;
import org.replkit.chaos.check.PropertyVerdict;
import org.replkit.chaos.defects.AcksBeforeCommit;
import org.replkit.chaos.defects.AcksBeforeStoring;
import org.replkit.chaos.defects.CountsEveryDelivery;
import org.replkit.chaos.defects.HoldsRowsAlready;
import org.replkit.chaos.defects.HoldsRowsAndCountsEveryDelivery;
import org.replkit.chaos.defects.OverwritesWithStaleSnapshots;
import org.replkit.chaos.history.Event;
import org.replkit.chaos.history.History;
import org.replkit.chaos.nemesis.FaultKind;
import org.replkit.chaos.nemesis.FaultWindow;
import org.replkit.spec.Outcome;

/**
 * The checker can fail, and for the right reason: each planted defect, under a short scenario aimed
 * at it, fails the property it breaks, with the records it broke. Where the scenario is special, the
 * correct system runs it too and passes.
 */
class PlantedDefectsTest {

    @Test
    void anInMemoryReceiverKilledLosesWhatItHadAcknowledged() {
        Path dir = Scenario.reportDir("in-memory-kill");
        ChaosSettings.Builder s = Scenario.base(dir, 11, 9).updateShare(0.3)
                .referenceReceivers(ChaosSettings.Receiver.REFERENCE_MEMORY, null)
                .schedule(List.of(Scenario.window(1, FaultKind.RECEIVER_KILL, FaultWindow.RECEIVER, 5, 1, 0)));
        Scenario.Outcome run = Scenario.run(s);

        assertEquals(1, run.result().exitCode(), run.console());
        assertEquals(List.of("newest", "converged"), run.failed(),
                "only the receiver's state is wrong (so the run did not converge); the sender's audit trail is right");
        assertFalse(run.problems("converged", "lost after delivery").isEmpty(), run.verdict("converged").problems().toString());
        List<Problem> lost = run.problems("newest", "lost");
        assertFalse(lost.isEmpty());
        // The kill is recorded just before the process is stopped, and an answer may still leave it
        // while it dies: what the restart (the window's end) found missing was acknowledged before it.
        Instant restart = faultEnd(dir, 1);
        History h = History.read(dir.resolve("history.jsonl"));
        for (Problem p : lost) {
            assertTrue(lastAcknowledged(h, p).isBefore(restart), "lost records were acknowledged before the restart: " + p.describe());
        }
    }

    @Test
    void aReceiverThatAcknowledgesBeforeStoringLosesTheUnflushedWritesWhenKilled() {
        Path dir = Scenario.reportDir("acks-before-storing");
        ChaosSettings.Builder s = Scenario.base(dir, 12, 10).updateShare(0.3)
                .storeDecorator(AcksBeforeStoring.class.getName())
                .schedule(List.of(Scenario.window(1, FaultKind.RECEIVER_KILL, FaultWindow.RECEIVER, 6, 1, 0)));
        Scenario.Outcome run = Scenario.run(s);

        assertEquals(1, run.result().exitCode(), run.console());
        assertTrue(run.failed().contains("newest"), run.failed().toString());
        List<Problem> lost = run.problems("newest", "lost");
        assertFalse(lost.isEmpty(), run.console());
        // Lost for the right reason: acknowledged but not yet flushed when the process was killed (or,
        // after the restart, when the store was read: acknowledged, still not stored).
        Instant kill = faultStart(dir, 1);
        Instant restart = faultEnd(dir, 1);
        History h = History.read(dir.resolve("history.jsonl"));
        Instant storeRead = h.first(Event.Drain.class).orElseThrow().t().plusSeconds(2);
        long beforeKill = 0;
        for (Problem p : lost) {
            Instant acked = lastAcknowledged(h, p);
            boolean unflushedAtTheKill = acked.isBefore(restart) && acked.isAfter(kill.minusMillis(AcksBeforeStoring.FLUSH_MILLIS + 1_500));
            boolean unflushedAtTheRead = acked.isAfter(storeRead.minusMillis(AcksBeforeStoring.FLUSH_MILLIS + 2_000));
            assertTrue(unflushedAtTheKill || unflushedAtTheRead,
                    "acknowledged within a flush interval before the kill or the read (" + acked + ", kill " + kill + "): " + p.describe());
            beforeKill += unflushedAtTheKill ? 1 : 0;
        }
        assertTrue(beforeKill > 0, "the kill lost acknowledged writes");
        assertEquals(Outcome.PASSED, run.verdict("final").outcome(), "the sender's audit trail is right");
    }

    /**
     * The group commit's planted defect: a batch acknowledged before its COMMIT is lost when the
     * receiver is killed before the commit. The reference PostgreSQL store answers after the commit
     * and loses nothing under the same kill (EveryFaultTest).
     */
    @Test
    void aPostgresStoreThatAcknowledgesABatchBeforeItsCommitLosesItWhenKilled() {
        Path dir = Scenario.reportDir("acks-before-commit");
        ChaosSettings.Builder s = Scenario.base(dir, 16, 10).updateShare(0.3)
                .storeDecorator(AcksBeforeCommit.class.getName())
                .schedule(List.of(Scenario.window(1, FaultKind.RECEIVER_KILL, FaultWindow.RECEIVER, 6, 1, 0)));
        Scenario.Outcome run = Scenario.run(s);

        assertEquals(1, run.result().exitCode(), run.console());
        assertTrue(run.failed().contains("newest"), run.failed().toString());
        List<Problem> lost = run.problems("newest", "lost");
        assertFalse(lost.isEmpty(), run.console());
        // Lost for the right reason: acknowledged within the window before the kill, never committed.
        Instant kill = faultStart(dir, 1);
        History h = History.read(dir.resolve("history.jsonl"));
        long inTheWindow = lost.stream().map(p -> lastAcknowledged(h, p))
                .filter(acked -> acked.isBefore(kill.plusMillis(1_000)) && acked.isAfter(kill.minusMillis(AcksBeforeCommit.WINDOW_MILLIS + 1_500)))
                .count();
        assertTrue(inTheWindow > 0, "the kill lost records acknowledged before their commit");
    }

    @Test
    void aReceiverThatLetsAStaleSnapshotOverwriteANewerOneEndsStaleAndTheReferenceDoesNot() {
        Path dir = Scenario.reportDir("stale-overwrite");
        // Requests held 8 s: an old snapshot's first copy reaches the receiver after its retry went
        // through and the newer snapshot behind it was stored.
        List<FaultWindow> lateDeliveries = List.of(Scenario.window(1, FaultKind.LATENCY, FaultWindow.ALL_LANES, 3, 6, 8_000));
        ChaosSettings s = Scenario.base(dir.resolve("defect"), 13, 12).updateShare(0.7).schedule(lateDeliveries).build();
        Scenario.Outcome broken = Scenario.run(s.toBuilder().storeDecorator(OverwritesWithStaleSnapshots.class.getName()));

        assertTrue(((Number) broken.verdict("order").figures().get("late_arrivals_from_latency_faults")).longValue() > 0,
                "the scenario delivered old snapshots late: " + broken.console());
        assertEquals(1, broken.result().exitCode(), broken.console());
        assertFalse(broken.problems("newest", "stale").isEmpty(), broken.console());
        assertEquals(Outcome.PASSED, broken.verdict("order").outcome(),
                "the sender kept the order; the network delivered old snapshots late");

        Scenario.Outcome reference = Scenario.run(s.toBuilder().reportDir(dir.resolve("reference")));
        assertEquals(0, reference.result().exitCode(), reference.console());
        assertTrue(((Number) reference.verdict("order").figures().get("late_arrivals_from_latency_faults")).longValue() > 0,
                "the reference receivers got the same late, stale deliveries and kept the newer rows");
    }

    @Test
    void aSenderThatDropsInFlightItemsOnRestartLosesChangesFromItsAuditTrail() throws Exception {
        Path dir = Scenario.reportDir("sender-drops-in-flight");
        String patch = new String(PlantedDefectsTest.class.getResourceAsStream("/org/replkit/chaos/defects/drops-in-flight-on-restart.sql")
                .readAllBytes(), StandardCharsets.UTF_8);
        List<FaultWindow> crashWithRequestsInFlight = List.of(
                Scenario.window(1, FaultKind.LATENCY, FaultWindow.ALL_LANES, 2, 3, 3_000),
                Scenario.window(2, FaultKind.SENDER_CRASH, FaultWindow.SENDER, 5.2, 1, 0));
        ChaosSettings s = Scenario.base(dir.resolve("defect"), 14, 9).schedule(crashWithRequestsInFlight).build();
        Scenario.Outcome broken = Scenario.run(s.toBuilder().senderPatches(List.of(patch)));

        assertEquals(1, broken.result().exitCode(), broken.console());
        List<Problem> missing = broken.problems("final", "missing");
        assertFalse(missing.isEmpty(), broken.console());
        assertTrue(missing.stream().allMatch(p -> p.actual().contains("dropped")));

        Scenario.Outcome sound = Scenario.run(s.toBuilder().reportDir(dir.resolve("sound")));
        assertEquals(0, sound.result().exitCode(), "the same crash, with the real sender: " + sound.console());
    }

    @Test
    void aReceiverThatCountsRetriesAsRecordsFailsTheCounts() {
        Path dir = Scenario.reportDir("counts-every-delivery");
        ChaosSettings.Builder s = Scenario.base(dir, 15, 8)
                .storeDecorator(CountsEveryDelivery.class.getName())
                .schedule(List.of(Scenario.window(1, FaultKind.LOST_ACK, FaultWindow.ALL_LANES, 3, 3, 0)));
        Scenario.Outcome run = Scenario.run(s);

        assertEquals(1, run.result().exitCode(), run.console());
        assertEquals(List.of("counts"), run.failed(), "the data is right; only the count is wrong");
        assertFalse(run.problems("counts", "acknowledged count too high").isEmpty(),
                "already during the run, retries after lost acknowledgements inflated the count");
    }

    @Test
    void aReceiverThatHeldRowsBeforeTheRunPassesTheCountsAndOneThatAlsoCountsRetriesFailsThem() {
        Path dir = Scenario.reportDir("held-rows-before");
        ChaosSettings s = Scenario.base(dir.resolve("sound"), 16, 8)
                .schedule(List.of(Scenario.window(1, FaultKind.LOST_ACK, FaultWindow.ALL_LANES, 3, 3, 0))).build();
        Scenario.Outcome sound = Scenario.run(s.toBuilder().storeDecorator(HoldsRowsAlready.class.getName()));

        assertEquals(0, sound.result().exitCode(), sound.console());
        PropertyVerdict counts = sound.verdict("counts");
        assertEquals(Outcome.PASSED, counts.outcome(), counts.summary());
        // the receiver's own rows and the kit's marker record
        assertEquals((long) HoldsRowsAlready.ROWS + 1, ((Number) counts.figures().get("patterns_receiver_count_before_run")).longValue());
        assertEquals((long) HoldsRowsAlready.ROWS + 1, ((Number) counts.figures().get("metrics_receiver_count_before_run")).longValue());

        Scenario.Outcome broken = Scenario.run(s.toBuilder().reportDir(dir.resolve("defect"))
                .storeDecorator(HoldsRowsAndCountsEveryDelivery.class.getName()));
        assertEquals(1, broken.result().exitCode(), broken.console());
        assertEquals(List.of("counts"), broken.failed(), "the data is right; only the count's growth is wrong");
        assertFalse(broken.problems("counts", "acknowledged count too high").isEmpty(), broken.console());
    }

    private static Instant faultStart(Path dir, int window) {
        return faultPhase(dir, window, "start");
    }

    private static Instant faultEnd(Path dir, int window) {
        return faultPhase(dir, window, "end");
    }

    private static Instant faultPhase(Path dir, int window, String phase) {
        return History.read(dir.resolve("history.jsonl")).all(Event.Fault.class).stream()
                .filter(f -> f.window() == window && f.phase().equals(phase)).findFirst().orElseThrow().t();
    }

    /** When the receiver last acknowledged the lost record's newest snapshot on the wire. */
    private static Instant lastAcknowledged(History h, Problem p) {
        Map<UUID, Long> newest = h.all(Event.SenderRow.class).stream().collect(Collectors.toMap(Event.SenderRow::id, Event.SenderRow::seq));
        return h.all(Event.Wire.class).stream()
                .filter(w -> p.recordId().equals(w.recordId()) && newest.get(p.recordId()).equals(w.seq())
                        && w.receiverStatus() != null && w.receiverStatus() == 200)
                .map(Event.Wire::done).max(Instant::compareTo)
                .orElseThrow(() -> new AssertionError("never acknowledged: " + p.describe()));
    }
}
