package org.replkit.chaos.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.replkit.chaos.check.Canned.A;
import static org.replkit.chaos.check.Canned.B;
import static org.replkit.chaos.check.Canned.LANE;
import static org.replkit.chaos.check.Canned.at;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.replkit.chaos.history.Event;
import org.replkit.chaos.history.History;
import org.replkit.spec.Outcome;

/**
 * Each property against one sound canned history and against that history broken in the one way
 * the property guards: the sound one passes, each broken one fails with the problem named.
 */
class PropertiesTest {

    @Test
    void theSoundHistoryPassesEveryProperty() {
        for (PropertyVerdict v : Checker.check(Canned.history(Canned.healthy()))) {
            assertEquals(Outcome.PASSED, v.outcome(), v.property() + ": " + v.problems());
        }
    }

    @Nested
    @Tag("SND-AUDIT-01")
    class EveryChangeFinalTest {
        private final HistoryProperty p = new EveryChangeFinal();

        @Test
        void anItemStillPendingAfterTheDrainIsNotFinal() {
            History h = Canned.changed(e -> e instanceof Event.Item i && i.queueId() == 3
                    ? Canned.item(3, B, 3, 2.5, "pending", 2, 503, "HTTP 503", -1) : e);
            assertProblem(p, h, "not final");
        }

        @Test
        void aCommittedChangeWithoutAnAuditItemWasDropped() {
            assertProblem(p, Canned.without(e -> e instanceof Event.Item i && i.queueId() == 2), "missing");
        }

        @Test
        void aSuccessTheReceiverNeverGaveIsCaught() {
            assertProblem(p, Canned.without(e -> e instanceof Event.Wire w && w.seq() == 3 && "ANSWERED".equals(w.outcome())),
                    "success never acknowledged");
        }

        @Test
        void aResetAfterTheReceiverAnsweredIsNotAnAcknowledgementTheSenderGot() {
            History h = Canned.changed(e -> e instanceof Event.Wire w && w.seq() == 3 && "ANSWERED".equals(w.outcome())
                    ? Canned.wire(B, 3, 4.2, 4.3, 200, "RESET_AFTER_ANSWER", 3) : e);
            assertProblem(p, h, "success never acknowledged");
        }

        @Test
        void aCommitTheSenderNoLongerHoldsWasLostByTheSender() {
            assertProblem(p, Canned.without(e -> e instanceof Event.SenderWrites, new Event.SenderWrites(List.of(1L, 3L))),
                    "commit lost by the sender");
        }

        @Test
        void withoutAnAuditTrailItCannotTell() {
            History h = Canned.without(e -> e instanceof Event.Item || e instanceof Event.Drain);
            assertEquals(Outcome.CANT_TELL, Canned.check(p, h).outcome());
        }
    }

    @Nested
    @Tag("SND-RETRY-01")
    class RetriesFollowScheduleTest {
        private final HistoryProperty p = new RetriesFollowSchedule();

        @Test
        void aRetryBeforeItsBackoffIsTooEarly() {
            assertProblem(p, retryAt(3.3), "retry too early");
        }

        @Test
        void theBackoffCountsFromTheStartOfTheTickThatSentTheAttempt() {
            // attempt 1 went out 0.6 s into the tick that began at 3.0: a retry at 3.95 s waited its 1 s backoff
            History h = Canned.changed(e -> {
                if (e instanceof Event.Attempt a && a.queueId() == 3) {
                    return a.attempt() == 1 ? new Event.Attempt(3, 1, 13, at(3.6), at(3.6), 503, "HTTP 503")
                            : new Event.Attempt(3, 2, 14, at(3.95), at(4.0), 200, null);
                }
                return e;
            });
            assertEquals(Outcome.PASSED, Canned.check(p, h).outcome(), Canned.check(p, h).problems().toString());
        }

        @Test
        void aRetryLongAfterItsBackoffIsTooLate() {
            assertProblem(p, retryAt(9.0), "retry too late");
        }

        @Test
        void aRetryDelayedByASenderCrashIsNotTooLate() {
            List<Event> events = new java.util.ArrayList<>(retryAt(9.0).events());
            events.add(new Event.Fault(at(5), 2, "sender-crash", "sender", "start", 5, 2, null, null));
            events.add(new Event.Fault(at(8), 2, "sender-crash", "sender", "end", 8, 2, null, null));
            assertEquals(Outcome.PASSED, Canned.check(p, Canned.history(events)).outcome());
        }

        @Test
        void aFailedItemMustSayWhy() {
            History h = Canned.changed(e -> e instanceof Event.Item i && i.queueId() == 1
                    ? Canned.item(1, A, 1, 1.0, "failed", 1, 400, null, 1.1) : e);
            assertProblem(p, h, "failed without a reason");
        }

        @Test
        void aRetryableFailureMustUseEveryRetry() {
            History h = Canned.changed(e -> e instanceof Event.Item i && i.queueId() == 3
                    ? Canned.item(3, B, 3, 2.5, "failed", 2, 503, "HTTP 503", 4.3) : e);
            assertProblem(p, h, "gave up early");
        }

        private History retryAt(double seconds) {
            return Canned.changed(e -> e instanceof Event.Attempt a && a.queueId() == 3 && a.attempt() == 2
                    ? new Event.Attempt(3, 2, 14, at(seconds), at(seconds + 0.1), 200, null) : e);
        }
    }

    @Nested
    @Tag("SYNC-IDEM-06")
    class ReceiverHoldsNewestTest {
        private final HistoryProperty p = new ReceiverHoldsNewest();

        @Test
        void anOlderRowInTheStoreIsStale() {
            History h = Canned.changed(e -> e instanceof Event.ReceiverRow r && r.id().equals(A)
                    ? new Event.ReceiverRow(LANE, A, true, at(1.0), 1L, Canned.row(A, 1, 1.0)) : e);
            assertProblem(p, h, "stale");
        }

        @Test
        void aMissingRowWhoseDeliveryTheAuditTrailRecordsIsLost() {
            History h = Canned.changed(e -> e instanceof Event.ReceiverRow r && r.id().equals(B)
                    ? new Event.ReceiverRow(LANE, B, false, null, null, null) : e);
            assertProblem(p, h, "lost");
        }

        @Test
        void aMissingRowWhoseDeliveryFailedWasNotDelivered() {
            History h = Canned.changed(e -> {
                if (e instanceof Event.ReceiverRow r && r.id().equals(B)) {
                    return new Event.ReceiverRow(LANE, B, false, null, null, null);
                }
                if (e instanceof Event.Item i && i.queueId() == 3) {
                    return Canned.item(3, B, 3, 2.5, "failed", 4, 503, "HTTP 503", 9);
                }
                return e;
            });
            assertProblem(p, h, "not delivered");
        }

        @Test
        void theSameUpdatedAtWithOtherValuesIsWrong() {
            com.fasterxml.jackson.databind.node.ObjectNode other = (com.fasterxml.jackson.databind.node.ObjectNode) Canned.row(A, 2, 2.0);
            other.put("confidence", 0.75);
            History h = Canned.changed(e -> e instanceof Event.ReceiverRow r && r.id().equals(A)
                    ? new Event.ReceiverRow(LANE, A, true, at(2.0), 2L, other) : e);
            PropertyVerdict v = assertProblem(p, h, "wrong values");
            assertTrue(v.problems().get(0).actual().contains("confidence"), v.problems().toString());
        }

        @Test
        void throughAcknowledgementsAnOlderRowIsStale() {
            History h = acknowledgementsOnly(new Event.Redelivery(at(13), LANE, B, "oldest", at(2.5), 3, 200, 3L, 2L, null),
                    new Event.Redelivery(at(13.1), LANE, A, "oldest", at(1.0), 1, 200, 1L, 2L, null));
            assertProblem(p, h, "stale");
        }

        @Test
        void throughAcknowledgementsACountThatGrowsOnAStaleRedeliveryMeansTheRowWasMissing() {
            History h = acknowledgementsOnly(new Event.Redelivery(at(13), LANE, A, "oldest", at(1.0), 1, 200, 1L, 2L, null),
                    new Event.Redelivery(at(13.2), LANE, B, "oldest", at(2.5), 3, 200, 3L, 3L, null));
            PropertyVerdict v = Canned.check(p, h);
            assertTrue(v.problems().stream().anyMatch(x -> x.kind().equals("lost") && x.recordId().equals(B)), v.problems().toString());
        }

        @Test
        void aCountThatGrowsOnRecordsTheReceiverHoldsIsNotTakenAsMissingRows() {
            History h = acknowledgementsOnly(new Event.Redelivery(at(13), LANE, B, "oldest", at(2.5), 3, 200, 3L, 5L, null),
                    new Event.Redelivery(at(13.1), LANE, A, "oldest", at(1.0), 1, 200, 2L, 6L, null),
                    new Event.Redelivery(at(13.2), LANE, A, "newest", at(2.0), 2, 200, 2L, 7L, null));
            PropertyVerdict v = Canned.check(p, h);
            assertEquals(Outcome.PASSED, v.outcome(), v.problems().toString());
            assertTrue(v.figures().containsKey(LANE + "_count_unreliable"));
        }

        /** The store was not read (a receiver known by URL only): these re-deliveries instead of the healthy ones. */
        private History acknowledgementsOnly(Event.Redelivery... redeliveries) {
            return Canned.without(e -> e instanceof Event.ReceiverRow || e instanceof Event.Redelivery
                    || (e instanceof Event.ReceiverCount c && c.source().equals("store")), redeliveries);
        }
    }

    @Nested
    @Tag("SND-STAT-01")
    @Tag("SYNC-COUNT-01")
    class CountsAgreeTest {
        private final HistoryProperty p = new CountsAgree();

        @Test
        void aSuccessCountOffByOneIsCaught() {
            assertProblem(p, counters(4, 1), "success_count");
        }

        @Test
        void anErrorCountThatMissesAFailedAttemptIsCaught() {
            assertProblem(p, counters(3, 0), "error_count");
        }

        @Test
        void aStoreHoldingMoreRowsThanRecordsIsCaught() {
            assertProblem(p, Canned.without(e -> e instanceof Event.ReceiverCount c && c.source().equals("store"),
                    new Event.ReceiverCount(LANE, "store", 4)), "receiver count");
        }

        @Test
        void anAcknowledgementCountingMoreThanWasSentIsCaught() {
            History h = Canned.changed(e -> e instanceof Event.Wire w && w.seq() == 2 ? Canned.wire(A, 2, 2.1, 2.2, 200, "ANSWERED", 3) : e);
            assertProblem(p, h, "acknowledged count too high");
        }

        @Test
        void aReceiverThatHeldRowsBeforeTheRunPassesWhenItsCountGrewByTheRecordsSent() {
            PropertyVerdict v = Canned.check(p, heldBefore(1_001, 0));
            assertEquals(Outcome.PASSED, v.outcome(), v.summary() + " " + v.problems());
            assertEquals(1_001L, v.figures().get(LANE + "_receiver_count_before_run"));
        }

        @Test
        void aReceiverThatHeldRowsAndCountsARecordTwiceAtTheEndIsCaught() {
            History h = new History(heldBefore(1_001, 0).events().stream().map(e -> e instanceof Event.ReceiverCount c
                    && c.source().equals("ack") ? new Event.ReceiverCount(LANE, "ack", 1_004) : e).toList());
            PropertyVerdict v = assertProblem(p, h, "receiver count");
            assertTrue(v.problems().get(0).expected().startsWith("1003 (1001 before the run"), v.problems().toString());
        }

        @Test
        void aReceiverThatHeldRowsAndCountsARetryDuringTheRunIsCaught() {
            assertProblem(p, heldBefore(1_001, 1), "acknowledged count too high");
        }

        @Test
        void withoutACountBeforeTheRunTheReceiversCountCannotBeTold() {
            PropertyVerdict v = Canned.check(p, Canned.without(e -> e instanceof Event.MarkerDelivery));
            assertEquals(Outcome.CANT_TELL, v.outcome(), v.summary());
            assertTrue(v.summary().contains("no marker delivery"), v.summary());

            PropertyVerdict noCount = Canned.check(p, Canned.changed(e -> e instanceof Event.MarkerDelivery m
                    ? new Event.MarkerDelivery(m.t(), m.lane(), m.id(), m.phase(), 200, null, null) : e));
            assertEquals(Outcome.CANT_TELL, noCount.outcome(), noCount.summary());
            assertTrue(noCount.summary().contains("carried no count"), noCount.summary());
        }

        @Test
        void withoutACountBeforeTheRunAWrongSenderCounterStillFails() {
            History h = new History(counters(4, 1).events().stream().filter(e -> !(e instanceof Event.MarkerDelivery)).toList());
            assertProblem(p, h, "success_count");
        }

        /**
         * The healthy history of a receiver that held {@code before} records (the marker among them)
         * when the run began: every count it gave is that much higher; {@code extraDuringRun} more in
         * the acknowledgements on the wire.
         */
        private History heldBefore(long before, long extraDuringRun) {
            long shift = before - 1;
            return Canned.changed(e -> {
                if (e instanceof Event.MarkerDelivery m) {
                    return new Event.MarkerDelivery(m.t(), m.lane(), m.id(), m.phase(), m.status(), m.ackCount() + shift, m.error());
                } else if (e instanceof Event.ReceiverCount c) {
                    return new Event.ReceiverCount(c.lane(), c.source(), c.count() + shift);
                } else if (e instanceof Event.Wire w && w.receiverCount() != null) {
                    return new Event.Wire(w.t(), w.lane(), w.connection(), w.recordId(), w.eventType(), w.updatedAt(), w.seq(), w.fault(),
                            w.forwarded(), w.receiverStatus(), w.receiverCount() + shift + extraDuringRun, w.receiverSeq(), w.outcome(),
                            w.detail(), w.done());
                } else if (e instanceof Event.Redelivery r && r.ackCount() != null) {
                    return new Event.Redelivery(r.t(), r.lane(), r.id(), r.which(), r.updatedAt(), r.seq(), r.status(), r.ackSeq(),
                            r.ackCount() + shift, r.error());
                }
                return e;
            });
        }

        private History counters(long success, long errors) {
            return Canned.changed(e -> e instanceof Event.InstanceCounters c
                    ? new Event.InstanceCounters(LANE, c.instanceId(), success, errors, null, c.lastSyncAt()) : e);
        }
    }

    @Nested
    @Tag("SND-ORDER-01")
    class NoOldAfterNewTest {
        private final HistoryProperty p = new NoOldAfterNew();

        @Test
        void anAttemptOfAnOldSnapshotAfterTheNewerWasAcknowledgedIsCaught() {
            assertProblem(p, Canned.without(e -> false, new Event.Attempt(1, 2, 20, at(3.0), at(3.1), 200, null)), "old after new");
        }

        @Test
        void anOldSnapshotOnTheWireAfterTheNewerWasAcknowledgedIsCaught() {
            assertProblem(p, Canned.without(e -> false, Canned.wire(A, 1, 3.0, 3.1, 200, "ANSWERED", 1)), "old after new on the wire");
        }

        @Test
        void anOldSnapshotTheNetworkHeldBackIsALateArrivalNotTheSendersFault() {
            Event.Wire late = new Event.Wire(at(1.0), LANE, 9, A, "INSERT", null, 1L, "delay 5000 ms", at(6.0), 200, 1L, 2L,
                    "SENDER_GONE", null, at(6.1));
            PropertyVerdict v = Canned.check(p, Canned.without(e -> false, late));
            assertEquals(Outcome.PASSED, v.outcome(), v.problems().toString());
            assertEquals(1L, v.figures().get("late_arrivals_from_latency_faults"));
        }
    }

    private static PropertyVerdict assertProblem(HistoryProperty p, History h, String kind) {
        PropertyVerdict v = Canned.check(p, h);
        assertEquals(Outcome.FAILED, v.outcome(), p.name() + " should fail: " + v.summary());
        assertTrue(v.problems().stream().anyMatch(x -> x.kind().equals(kind)), "expected a '" + kind + "' problem, got " + v.problems());
        return v;
    }
}
