package org.replkit.chaos.check;

import org.replkit.spec.Outcome;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.replkit.chaos.check.Canned.A;
import static org.replkit.chaos.check.Canned.B;
import static org.replkit.chaos.check.Canned.LANE;
import static org.replkit.chaos.check.Canned.TABLE;
import static org.replkit.chaos.check.Canned.at;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.replkit.chaos.history.Event;
import org.replkit.chaos.history.History;

/**
 * The properties that judge outages a sender must ride out (a long outage, an overload answered 429
 * with Retry-After, an instance gone with 410, one dead instance among many), each against the sound
 * canned history and that history broken in the one way the property guards.
 */
class OutagePropertiesTest {

    private static final UUID GONE_INSTANCE = UUID.fromString("00000000-0000-0000-0000-0000000000bb");
    private static final UUID FAN_INSTANCE = UUID.fromString("00000000-0000-0000-0000-0000000000cc");

    @Test
    void theGoneAndFanOutPropertiesGiveNoVerdictOnARunWithoutThem() {
        List<String> judged = Checker.check(Canned.history(Canned.healthy())).stream().map(PropertyVerdict::property).toList();
        assertTrue(judged.contains("converged"), judged.toString());
        assertFalse(judged.contains("gone") || judged.contains("fan-out"), judged.toString());
    }

    @Test
    @Tag("SND-AUDIT-01")
    void aSupersededSnapshotIsFinal() {
        History h = Canned.changed(e -> e instanceof Event.Item i && i.queueId() == 1
                ? Canned.item(1, A, 1, 1.0, "superseded", 0, null, null, 2.2) : e);
        PropertyVerdict v = Canned.check(new EveryChangeFinal(), h);
        assertEquals(Outcome.PASSED, v.outcome(), v.problems().toString());
    }

    @Nested
    @Tag("E2E-01")
    class ConvergedTest {
        private final HistoryProperty p = new Converged();

        @Test
        void theSoundHistoryConverged() {
            assertEquals(Outcome.PASSED, Canned.check(p, Canned.history(Canned.healthy())).outcome());
        }

        @Test
        void aRecordWhoseNewestSnapshotTheSenderGaveUpOnIsNamed() {
            PropertyVerdict v = assertProblem(p, withB("failed", 4, 503, "HTTP 503"), "given up by the sender");
            Problem lost = v.problems().get(0);
            assertEquals(B, lost.recordId());
            assertTrue(lost.actual().contains("failed after 4 attempt(s)") && lost.actual().contains("nothing sent it again"), lost.actual());
            assertTrue(v.summary().contains(LANE + "/" + B), "the summary names the lost record: " + v.summary());
            assertEquals(List.of(LANE + "/" + B), v.figures().get("records_lost"));
        }

        @Test
        void aRecordStillPendingWhenTheDrainEndedDidNotConverge() {
            assertProblem(p, withB("pending", 2, null, "connection refused"), "still pending after the drain");
        }

        @Test
        void theFaultsTheNewestSnapshotMetAreNamed() {
            List<Event> events = new ArrayList<>(withB("failed", 4, null, "connection refused").events());
            events.add(new Event.Fault(at(2.6), 2, "long-outage", "all lanes", "start", 2.6, 30, null, null));
            events.add(new Event.Fault(at(32.6), 2, "long-outage", "all lanes", "end", 32.6, 30, null, null));
            PropertyVerdict v = Canned.check(p, Canned.history(events));
            assertTrue(v.problems().get(0).actual().contains("long-outage #2"), v.problems().toString());
        }

        @Test
        void aRecordTheReceiverLostAfterItsDeliveryDidNotConvergeEither() {
            History h = Canned.changed(e -> e instanceof Event.ReceiverRow r && r.id().equals(B)
                    ? new Event.ReceiverRow(LANE, B, false, null, null, null) : e);
            assertProblem(p, h, "lost after delivery");
        }

        @Test
        void aRecordWhoseOlderSnapshotTheReceiverKeptIsStaleAfterDelivery() {
            History h = Canned.changed(e -> e instanceof Event.ReceiverRow r && r.id().equals(A)
                    ? new Event.ReceiverRow(LANE, A, true, at(1.0), 1L, Canned.row(A, 1, 1.0)) : e);
            assertProblem(p, h, "stale after delivery");
        }

        /** B's newest (and only) snapshot ended this way, and the receiver does not hold B. */
        private History withB(String status, int attempts, Integer lastStatus, String lastError) {
            return Canned.changed(e -> {
                if (e instanceof Event.ReceiverRow r && r.id().equals(B)) {
                    return new Event.ReceiverRow(LANE, B, false, null, null, null);
                }
                if (e instanceof Event.Item i && i.queueId() == 3) {
                    return Canned.item(3, B, 3, 2.5, status, attempts, lastStatus, lastError, status.equals("pending") ? -1 : 9);
                }
                return e;
            });
        }
    }

    @Nested
    @Tag("SND-RETRY-01")
    @Tag("SND-RETRYAFTER-01")
    class RetriesUnderOutagesTest {
        private final HistoryProperty p = new RetriesFollowSchedule();

        @Test
        void anItemFailedOnA429WasTreatedAsFinal() {
            History h = Canned.changed(e -> e instanceof Event.Item i && i.queueId() == 3
                    ? Canned.item(3, B, 3, 2.5, "failed", 1, 429, "HTTP 429", 3.1) : e);
            assertProblem(p, h, "429 treated as final");
        }

        @Test
        void aRetryBeforeTheRetryAfterElapsedIsCaught() {
            // B's first attempt at 3.0 s answered 429 with Retry-After: 3 during an overload; the retry went at 4.2 s
            assertProblem(p, overloaded(4.2), "retry before Retry-After");
        }

        @Test
        void aRetryAfterTheRetryAfterPasses() {
            PropertyVerdict v = Canned.check(p, overloaded(6.2));
            assertEquals(Outcome.PASSED, v.outcome(), v.problems().toString());
        }

        @Test
        void attemptsAnsweredWith429DoNotCountTowardTheRetries() {
            List<Event> events = new ArrayList<>(overloaded(6.2).events());
            for (int k = 0; k < 6; k++) {
                events.add(new Event.Attempt(3, 10 + k, 30 + k, at(20 + 4 * k), at(20.1 + 4 * k), 429, "HTTP 429"));
            }
            events.add(new Event.Fault(at(19), 3, "overload", LANE, "start", 19, 30, 3000L, null));
            events.add(new Event.Fault(at(49), 3, "overload", LANE, "end", 49, 30, 3000L, null));
            PropertyVerdict v = Canned.check(p, Canned.history(events));
            assertFalse(v.problems().stream().anyMatch(x -> x.kind().equals("too many attempts")), v.problems().toString());
        }

        @Test
        void underPauseAnItemFailedOnAnOutageIsCaughtAndProbesAreNotHeldToTheBackoff() {
            // B's only attempt (3.0 s) met the 503 window on its lane (2.9 to 3.4 s): the whole instance was down
            List<Event> events = new ArrayList<>(Canned.healthy());
            events.removeIf(e -> e instanceof Event.Attempt a && a.queueId() == 3 && a.attempt() == 2);
            events.replaceAll(e -> e instanceof Event.Item i && i.queueId() == 3 ? Canned.item(3, B, 3, 2.5, "failed", 1, 503, "HTTP 503", 3.1) : e);
            History failed = withPolicy("pause", Canned.history(events));
            assertProblem(p, failed, "failed during an outage");
            // a probe 9 s after a refused attempt: far beyond the 1 s backoff, but a paused instance is probed on its own schedule
            History probed = withPolicy("pause", Canned.changed(e -> {
                if (e instanceof Event.Attempt a && a.queueId() == 3) {
                    return a.attempt() == 1 ? new Event.Attempt(3, 1, 13, at(3.0), at(3.0), null, "connection refused")
                            : new Event.Attempt(3, 2, 14, at(12.0), at(12.1), 200, null);
                }
                return e;
            }));
            PropertyVerdict v = Canned.check(p, probed);
            assertEquals(Outcome.PASSED, v.outcome(), v.problems().toString());
            History literal = withPolicy("fail", probed);
            assertProblem(p, literal, "retry too late");
        }

        @Test
        void underPauseAPoisonRecordsFailuresOutsideAnyFaultKeepTheSpecsSchedule() {
            // 503s to B alone, with no fault on the instance: four attempts, then failed, as the spec says
            List<Event> events = new ArrayList<>(Canned.healthy());
            events.removeIf(e -> e instanceof Event.Fault || (e instanceof Event.Attempt a && a.queueId() == 3));
            events.replaceAll(e -> e instanceof Event.Item i && i.queueId() == 3 ? Canned.item(3, B, 3, 2.5, "failed", 4, 503, "HTTP 503", 10.1) : e);
            events.add(new Event.Attempt(3, 1, 13, at(3.0), at(3.0), 503, "HTTP 503"));
            events.add(new Event.Attempt(3, 2, 14, at(4.0), at(4.0), 503, "HTTP 503"));
            events.add(new Event.Attempt(3, 3, 15, at(6.0), at(6.0), 503, "HTTP 503"));
            events.add(new Event.Attempt(3, 4, 16, at(10.0), at(10.0), 503, "HTTP 503"));
            PropertyVerdict v = Canned.check(p, withPolicy("pause", Canned.history(events)));
            assertTrue(v.problems().stream().noneMatch(x -> x.recordId().equals(B)), v.problems().toString());
            events.removeIf(e -> e instanceof Event.Attempt a && a.queueId() == 3 && a.attempt() == 4);
            events.replaceAll(e -> e instanceof Event.Item i && i.queueId() == 3 ? Canned.item(3, B, 3, 2.5, "failed", 3, 503, "HTTP 503", 6.1) : e);
            assertProblem(p, withPolicy("pause", Canned.history(events)), "gave up early");
        }

        private History overloaded(double retryAt) {
            List<Event> events = new ArrayList<>(Canned.changed(e -> {
                if (e instanceof Event.Attempt a && a.queueId() == 3) {
                    return a.attempt() == 1 ? new Event.Attempt(3, 1, 13, at(3.0), at(3.0), 429, "HTTP 429")
                            : new Event.Attempt(3, 2, 14, at(retryAt), at(retryAt + 0.1), 200, null);
                }
                return e;
            }).events());
            events.removeIf(e -> e instanceof Event.Fault);
            events.add(new Event.Fault(at(2.9), 1, "overload", LANE, "start", 2.9, 0.5, 3000L, null));
            events.add(new Event.Fault(at(3.4), 1, "overload", LANE, "end", 3.4, 0.5, 3000L, null));
            return Canned.history(events);
        }
    }

    @Nested
    @Tag("SND-GONE-01")
    class InstanceGoneTest {
        private final HistoryProperty p = new InstanceGone();

        @Test
        void aDeactivatedInstanceLeftAlonePasses() {
            PropertyVerdict v = Canned.check(p, gone(new Event.InstanceState("gone", GONE_INSTANCE, "deactivated", "HTTP 410 Gone")));
            assertEquals(Outcome.PASSED, v.outcome(), v.problems().toString());
        }

        @Test
        void aRequestLongAfterThe410IsCaught() {
            assertProblem(p, gone(new Event.InstanceState("gone", GONE_INSTANCE, "deactivated", "HTTP 410 Gone"),
                    goneWire(20.0, "PROXY_410")), "request after 410");
        }

        @Test
        void aSenderWithoutInstanceStateDidNotDeactivate() {
            assertProblem(p, gone(), "not deactivated");
        }

        @Test
        void anItemFailedOnThe410IsCaught() {
            Event.Item failed = new Event.Item(40, "gone", GONE_INSTANCE, TABLE, A, "UPDATE", at(2.0), 2L, "failed", 1, 410, "HTTP 410",
                    at(2.0), at(5.1));
            assertProblem(p, gone(new Event.InstanceState("gone", GONE_INSTANCE, "active", null), failed), "failed on 410");
        }

        private History gone(Event... more) {
            List<Event> events = new ArrayList<>(Canned.healthy());
            events.add(new Event.SideLane("gone", "gone", TABLE, GONE_INSTANCE, "http://127.0.0.1:3/sync/patterns"));
            events.add(goneWire(4.0, "PROXY_410"));
            events.add(goneWire(5.0, "PROXY_410")); // under way when the first 410 came back: allowed
            events.addAll(List.of(more));
            return Canned.history(events);
        }

        private Event.Wire goneWire(double t, String outcome) {
            return new Event.Wire(at(t), "gone", (long) (t * 10), A, "UPDATE", at(2.0), 2L, "answer_410", null, null, null, null,
                    outcome, null, at(t + 0.01));
        }
    }

    @Nested
    @Tag("SND-PAUSE-01")
    class FanOutLagTest {
        private final HistoryProperty p = new FanOutLag();

        @Test
        void deliveriesWithinCadencePlusTimeoutPlusOneSecondPass() {
            // the canned timing: 1 s ticks, 1 s timeout: the bound is 3 s, and 2 s of tolerance
            PropertyVerdict v = Canned.check(p, fanOut(2.0));
            assertEquals(Outcome.PASSED, v.outcome(), v.problems().toString());
        }

        @Test
        void deliveriesHeldUpByTheDeadInstanceFail() {
            assertProblem(p, fanOut(5.5), "lag");   // held up for one more pass (3 s + 1 s + 1 s), and its work
        }

        @Test
        void deliveriesHeldUpOnlyUntilTheFirstRequestToTheDeadInstanceTimedOutPass() {
            // one request at a time to the dead instance, the first at 1.0 s (+ 1 s timeout): judged from
            // 2.0 s; the commit before that was held up, the ones from 2.0 s were not
            History h = fanOut(t -> t < 2.0 ? 5.5 : 2.0, 1.0, 2.5);
            PropertyVerdict v = Canned.check(p, h);
            assertEquals(Outcome.PASSED, v.outcome(), v.problems().toString());
            assertEquals(at(2.0).toString(), v.figures().get("judged_from"));
        }

        @Test
        void deliveriesHeldUpByABurstOfRequestsToTheDeadInstanceFail() {
            // three requests at once to an instance that has never answered hold up the passes until 2.5 s
            History h = fanOut(t -> t < 2.5 ? 5.5 : 2.0, 1.0, 1.2, 1.5);
            assertProblem(p, h, "lag");
        }

        @Test
        void aDeadInstanceNeverPausedIsCaughtAndEveryDeliveryJudged() {
            History h = fanOut(t -> t < 2.5 ? 5.5 : 2.0, 1.0, 1.5, 2.0, 2.5, 3.0);
            assertProblem(p, h, "not paused");
            assertProblem(p, h, "lag");
        }

        /** Each commit acknowledged on the fan-out lane this long after it. */
        private History fanOut(double lag) {
            return fanOut(t -> lag);
        }

        /**
         * Each commit (at t s) acknowledged on the fan-out lane lag(t) after it; requests to the dead
         * instance at the times given (held, never answered).
         */
        private History fanOut(java.util.function.DoubleUnaryOperator lagAt, double... deadRequests) {
            List<Event> events = new ArrayList<>(Canned.healthy());
            for (double t : deadRequests) {
                events.add(new Event.Wire(at(t), "fan-out-1", (long) (t * 10), A, "UPDATE", at(1.0), 1L, "black-hole", null, null,
                        null, null, "HELD", null, null));
            }
            events.add(new Event.SideLane("fan-out-2", "fan-out", TABLE, FAN_INSTANCE, "http://127.0.0.1:4/sync/patterns"));
            events.add(new Event.SideLane("fan-out-1", "fan-out-black-hole", TABLE, GONE_INSTANCE, "http://127.0.0.1:5/sync/patterns"));
            for (Event e : Canned.healthy()) {
                if (e instanceof Event.Commit c) {
                    double t = (c.t().toEpochMilli() - at(0).toEpochMilli()) / 1000.0;
                    double lag = lagAt.applyAsDouble(t);
                    events.add(new Event.Wire(at(t + lag - 0.1), "fan-out-2", c.seq(), c.id(), c.op(), c.updatedAt(), c.seq(), "pass",
                            at(t + lag - 0.1), 200, 1L, c.seq(), "ANSWERED", null, at(t + lag)));
                }
            }
            return Canned.history(events);
        }
    }

    private static History withPolicy(String policy, History h) {
        List<Event> events = new ArrayList<>(h.events());
        events.removeIf(e -> e instanceof Event.SenderPolicy);
        events.add(new Event.SenderPolicy(at(0), policy, null));
        return Canned.history(events);
    }

    private static PropertyVerdict assertProblem(HistoryProperty p, History h, String kind) {
        PropertyVerdict v = Canned.check(p, h);
        assertEquals(Outcome.FAILED, v.outcome(), p.name() + " should fail: " + v.summary());
        assertTrue(v.problems().stream().anyMatch(x -> x.kind().equals(kind)), "expected a '" + kind + "' problem, got " + v.problems());
        return v;
    }
}
