package org.replkit.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The report files' schemas accept the kit's vocabulary and refuse the words each file used
 * before there was one: EARL outcomes, and {@code rerun} for the command that repeats a run.
 * The module tests validate what each command really writes.
 */
class ReportSchemasTest {

    private static final SchemaValidator SCHEMAS = new SchemaValidator();

    private static final String CHAOS_COULD_NOT_RUN = """
            {"tool": "kit chaos", "verdict": "cantTell", "exit_code": 2, "reason": "could not run: port taken",
             "seed": 7, "rerun": "./kit chaos --seed 7"}""";

    @Test
    void aChaosRunThatCouldNotRunIsCantTellWithItsRerun() {
        assertEquals(List.of(), SCHEMAS.violations(SpecSchema.CHAOS_SUMMARY, CHAOS_COULD_NOT_RUN));
    }

    @Test
    void aChaosSummaryWithTheOldWordsIsRefused() {
        String old = CHAOS_COULD_NOT_RUN.replace("\"cantTell\"", "\"could not run\"");
        assertTrue(SCHEMAS.violations(SpecSchema.CHAOS_SUMMARY, old).stream().anyMatch(v -> v.field().equals("verdict")));
        String repeatWith = CHAOS_COULD_NOT_RUN.replace("\"rerun\"", "\"repeat_with\"");
        assertTrue(!SCHEMAS.isValid(SpecSchema.CHAOS_SUMMARY, repeatWith));
    }

    @Test
    void aChaosPropertyOutcomeMustBeEarls() {
        String run = """
                {"tool": "kit chaos", "verdict": "passed", "exit_code": 0, "seed": 7, "rerun": "./kit chaos --seed 7",
                 "figures": {"seed": 7, "duration_s": 60, "faults_injected": {"latency": 2}, "changes_committed": 10,
                             "changes_lost": 0, "properties": {"newest": "passed"}},
                 "properties": [{"property": "newest", "title": "t", "requirements": [], "outcome": "OUTCOME",
                                 "summary": "s", "problems": [], "figures": {}}],
                 "files": {"history": "history.jsonl", "report": "index.html"}}""";
        assertEquals(List.of(), SCHEMAS.violations(SpecSchema.CHAOS_SUMMARY, run.replace("OUTCOME", "passed")));
        assertTrue(!SCHEMAS.isValid(SpecSchema.CHAOS_SUMMARY, run.replace("OUTCOME", "PASS")));
    }

    @Test
    void aLoadSummaryGivesItsVerdictAsAWordNotABoolean() {
        String summary = """
                {"profile": "steady", "startedAt": "2026-12-06T15:00:00Z", "VERDICT, "gatlingStatus": 0,
                 "rerun": "./kit load --profile steady", "report": "load/steady-1/index.html",
                 "requests": {"total": 10, "ok": 10, "failed": 0, "perSecond": 2.0, "shed": 0}, "shed_share": 0.0,
                 "responseTimeMs": {"min": 1, "p50": 2, "p75": 3, "p95": 4, "p99": 5, "max": 6, "mean": 2.5},
                 "assertions": [{"assertion": "Global: count of failed events is 0.0", "outcome": "passed", "actual": "0.0"}],
                 "target": "reference receivers", "parameters": {"instances": 1}}""";
        assertEquals(List.of(), SCHEMAS.violations(SpecSchema.LOAD_SUMMARY, summary.replace("VERDICT", "verdict\": \"passed\"")));
        assertTrue(!SCHEMAS.isValid(SpecSchema.LOAD_SUMMARY, summary.replace("VERDICT", "passed\": true")));
    }

    @Test
    void aLoadSummaryJudgesTheSheddingRuleWithAnEarlOutcome() {
        String summary = """
                {"profile": "catch-up", "startedAt": "2026-12-06T15:00:00Z", "verdict": "passed", "gatlingStatus": 0,
                 "rerun": "./kit load --profile catch-up", "report": "load/catch-up-1/index.html",
                 "requests": {"total": 10, "ok": 10, "failed": 0, "perSecond": 2.0, "shed": 3, "shedShare": 0.3},
                 "responseTimeMs": {"min": 1, "p50": 2, "p75": 3, "p95": 4, "p99": 5, "max": 6, "mean": 2.5},
                 "assertions": [], "parameters": {"instances": 1},
                 "requirements": [{"id": "SYNC-SHED-01", "outcome": "OUTCOME", "reason": "3 deliveries were shed"}]}""";
        assertEquals(List.of(), SCHEMAS.violations(SpecSchema.LOAD_SUMMARY, summary.replace("OUTCOME", "cantTell")));
        assertTrue(!SCHEMAS.isValid(SpecSchema.LOAD_SUMMARY, summary.replace("OUTCOME", "shed")));
    }
}
