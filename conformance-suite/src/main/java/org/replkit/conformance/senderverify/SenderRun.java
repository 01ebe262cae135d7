package org.replkit.conformance.senderverify;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.replkit.conformance.model.Baseline;
import org.replkit.conformance.model.CheckOutcome;
import org.replkit.conformance.model.FailingCase;
import org.replkit.conformance.model.ConformanceResult;
import org.replkit.spec.Outcome;
import org.replkit.conformance.model.RequirementVerdict;
import org.replkit.spec.Profile;
import org.replkit.spec.Requirement;
import org.replkit.spec.RequirementCatalogue;
import org.replkit.conformance.model.Text;

/**
 * Runs the scenarios phase by phase (see {@link Phase}); within a phase, in parallel, each on records
 * of its own. The outcome is a {@link ConformanceResult} like kit verify's, with one verdict per
 * sender requirement on the endpoint "sender".
 */
public final class SenderRun {

    /** The endpoint name sender verdicts carry. */
    public static final String ENDPOINT = "sender";

    private SenderRun() {}

    public static ConformanceResult run(List<SenderScenario> scenarios, ScenarioContext context, Profile profile,
                                        Map<String, String> targets, Consumer<CheckOutcome> progress) {
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        Map<SenderScenario, CheckOutcome> outcomes = new LinkedHashMap<>();
        for (Phase phase : Phase.values()) {
            List<SenderScenario> now = scenarios.stream().filter(s -> s.phase() == phase).toList();
            if (now.isEmpty()) {
                continue;
            }
            ExecutorService pool = Executors.newFixedThreadPool(now.size());
            try {
                List<Future<CheckOutcome>> running = new ArrayList<>();
                for (SenderScenario s : now) {
                    running.add(pool.submit(() -> judge(s, context, profile)));
                }
                for (int i = 0; i < now.size(); i++) {
                    CheckOutcome o;
                    try {
                        o = running.get(i).get();
                    } catch (Exception e) {
                        o = outcome(now.get(i), Judgement.cantTell("the kit's own trouble: " + e, List.of()), 0);
                    }
                    outcomes.put(now.get(i), o);
                    progress.accept(o);
                }
            } finally {
                pool.shutdownNow();
            }
        }
        List<RequirementVerdict> verdicts = new ArrayList<>();
        for (Requirement r : RequirementCatalogue.get().all()) {
            List<CheckOutcome> checks = scenarios.stream().filter(s -> s.requirementId().equals(r.id()))
                    .map(outcomes::get).toList();
            if (!checks.isEmpty()) {
                verdicts.add(RequirementVerdict.fold(r, ENDPOINT, checks));
            }
        }
        long millis = (System.nanoTime() - t0) / 1_000_000;
        return new ConformanceResult(profile, targets, 0, started, millis, verdicts, (Baseline) null);
    }

    private static CheckOutcome judge(SenderScenario s, ScenarioContext context, Profile profile) {
        long t0 = System.nanoTime();
        Judgement j;
        try {
            j = notInProfile(s, profile).or(() -> s.inapplicable(context)).map(Judgement::inapplicable).orElse(null);
            if (j == null) {
                j = Judgement.of(() -> s.run(context));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            j = Judgement.cantTell("interrupted", List.of());
        } catch (Exception e) {
            // The kit's trouble (a database error, a port): never the sender's fault.
            j = Judgement.cantTell("the kit could not run the scenario: " + Text.firstLine(e.getMessage()), List.of());
        }
        return outcome(s, j, (System.nanoTime() - t0) / 1_000_000);
    }

    /**
     * A scenario of a SHOULD id runs only under the strict profile: the outage scenarios wait out
     * the retry schedule, which the core profile's two minutes cannot hold, and core does not count them.
     */
    private static java.util.Optional<String> notInProfile(SenderScenario s, Profile profile) {
        org.replkit.spec.Level level = RequirementCatalogue.get().byId(s.requirementId()).level();
        return profile.counts(level) ? java.util.Optional.empty()
                : java.util.Optional.of("a " + level + " requirement: run by --profile strict, not by " + profile.label());
    }

    private static CheckOutcome outcome(SenderScenario s, Judgement j, long millis) {
        boolean failed = j.outcome() == Outcome.FAILED;
        // A scenario is one case: when it fails, that case is the deciding one.
        List<FailingCase> cases = failed
                ? List.of(new FailingCase(s.getClass().getSimpleName(), j.message(), j.expected(), j.actual(), null, j.evidence()))
                : List.of();
        return new CheckOutcome(s.requirementId(), ENDPOINT, s.getClass().getSimpleName(), s.title(), j.outcome(),
                j.outcome() == Outcome.PASSED ? null : j.message(), j.expected(), j.actual(), null, null, j.evidence(), millis,
                j.outcome() == Outcome.INAPPLICABLE ? 0 : 1, cases);
    }

}
