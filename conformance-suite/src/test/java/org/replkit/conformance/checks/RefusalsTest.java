package org.replkit.conformance.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.replkit.conformance.checks.support.BadInput;
import org.replkit.conformance.checks.support.ReceiverUnderTest;
import org.replkit.conformance.checks.support.Refusals;
import org.replkit.conformance.http.Answer;
import org.replkit.conformance.http.Http;
import org.replkit.conformance.model.EndpointKind;
import org.replkit.conformance.model.Exchange;
import org.replkit.conformance.records.Samples;
import org.replkit.conformance.records.Violation;
import org.replkit.conformance.records.Violations;
import org.replkit.spec.Level;
import org.replkit.spec.RequirementCatalogue;

/**
 * How answers to client mistakes are judged, with canned answers and no server: each answer counts
 * against exactly one requirement, so one behaviour is never judged twice at two levels.
 */
class RefusalsTest {

    private static final BadInput NOT_JSON = BadInput.notJson(EndpointKind.PATTERNS).get(1);
    private static final BadInput TEXT_PLAIN = BadInput.wrongContentTypes(EndpointKind.PATTERNS).get(0);

    @Test
    void aRefusalWith400KeepsTheOwnersRule() {
        Refusals.Judgement j = Refusals.judge(NOT_JSON, answer(400));
        assertEquals("SYNC-ERR-02", j.requirementId());
        assertTrue(j.kept());
    }

    @Test
    void anAcknowledgedMistakeBreaksItsOwnerOnly() {
        Refusals.Judgement j = Refusals.judge(TEXT_PLAIN, answer(200));
        assertEquals("SYNC-ERR-04", j.requirementId(), "a valid record as text/plain answered 200 is SYNC-ERR-04's, a SHOULD");
        assertFalse(j.kept());
    }

    @Test
    void a5xxOrAnother4xxBreaksTheRuleOfHowToRefuse() {
        for (int status : new int[] {500, 503, 422, 409, 404, 403}) {
            Refusals.Judgement j = Refusals.judge(NOT_JSON, answer(status));
            assertEquals(Refusals.FORM, j.requirementId(), "status " + status);
            assertFalse(j.kept());
        }
    }

    @Test
    void aRefusalTheContractNamesButNotTheOneTheOwnerAsksForBreaksTheOwner() {
        Refusals.Judgement j = Refusals.judge(TEXT_PLAIN, answer(413));
        assertEquals("SYNC-ERR-04", j.requirementId());
        assertFalse(j.kept());
        assertTrue(Refusals.judge(TEXT_PLAIN, answer(415)).kept());
    }

    @Test
    void a401IsTheTokensRuleNotTheMistakes() {
        assertEquals("SYNC-AUTH-01", Refusals.judge(NOT_JSON, answer(401)).requirementId());
    }

    @Test
    void aDroppedConnectionBreaksTheRuleOfHowToRefuseAndATimeoutIsTimelinessAlone() {
        assertEquals(Refusals.FORM, Refusals.judge(NOT_JSON, noAnswer("connection reset", false)).requirementId());
        assertEquals("SYNC-TIME-01", Refusals.judge(NOT_JSON, noAnswer(Http.NO_ANSWER_IN_TIME, true)).requirementId());
    }

    /** Every bad-input case of the catalogue has exactly one owner, and every answer counts against one rule. */
    @Test
    void everyCaseAndEveryAnswerCountsAgainstExactlyOneRequirement() {
        List<BadInput> cases = allCases();
        assertTrue(cases.size() > 60, "cases: " + cases.size());
        List<Answer> answers = new ArrayList<>();
        for (int status : new int[] {200, 201, 204, 301, 400, 401, 404, 409, 413, 415, 422, 429, 500, 502, 503}) {
            answers.add(answer(status));
        }
        answers.add(noAnswer("connection reset", false));
        answers.add(noAnswer(Http.NO_ANSWER_IN_TIME, true));
        for (BadInput c : cases) {
            var owner = RequirementCatalogue.get().find(c.owner());
            assertTrue(owner.isPresent(), c + " belongs to " + c.owner() + ", which the catalogue lacks");
            assertFalse(c.owner().equals(Refusals.FORM), c + ": the rule of how to refuse owns no mistake");
            for (Answer a : answers) {
                Refusals.Judgement j = Refusals.judge(c, a);
                assertTrue(Set.of(c.owner(), Refusals.FORM, "SYNC-TIME-01", "SYNC-AUTH-01").contains(j.requirementId()),
                        c + " answered " + a.describeStatus() + " counted against " + j.requirementId());
                if (a.is2xx()) {
                    assertEquals(c.owner(), j.requirementId(), "an acknowledged mistake is its owner's alone");
                }
            }
        }
    }

    /** The level line: what the sender never produces is a SHOULD to refuse; how to refuse is a MUST. */
    @Test
    void refusingInputTheSenderNeverProducesIsAShouldAndHowToRefuseIsAMust() {
        for (BadInput c : allCases()) {
            assertEquals(Level.SHOULD, RequirementCatalogue.get().byId(c.owner()).level(), c + " (" + c.owner() + ")");
        }
        assertEquals(Level.MUST, RequirementCatalogue.get().byId(Refusals.FORM).level());
        assertEquals(Level.MUST, RequirementCatalogue.get().byId("SYNC-ERR-03").level());
    }

    /** The battery, every violation of both records, and the wrong headers, as the checks send them. */
    static List<BadInput> allCases() {
        List<BadInput> out = new ArrayList<>();
        for (EndpointKind kind : List.of(EndpointKind.PATTERNS, EndpointKind.METRICS)) {
            out.addAll(BadInput.battery(kind));
            for (Violation v : Violations.of(kind)) {
                byte[] body = ReceiverUnderTest.bytes(v.applyTo(Samples.fresh(kind)));
                out.add(new BadInput(v.requirementId(), v.description(), body, ReceiverUnderTest.JSON, Map.of(), Set.of(400)));
            }
        }
        return out;
    }

    static Answer answer(int status) {
        Exchange e = new Exchange("POST", "http://127.0.0.1:1/sync/patterns", Map.of(), new byte[0], status, Map.of(),
                "{}", 3, null, false);
        return new Answer(e, "{}");
    }

    static Answer noAnswer(String error, boolean timedOut) {
        return new Answer(new Exchange("POST", "http://127.0.0.1:1/sync/patterns", Map.of(), new byte[0], null, null, null,
                6000, error, timedOut), null);
    }
}
