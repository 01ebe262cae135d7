package org.replkit.conformance.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.replkit.conformance.checks.support.CheckFailure;
import org.replkit.conformance.model.CheckOutcome;
import org.replkit.conformance.model.EndpointKind;
import org.replkit.conformance.model.Exchange;
import org.replkit.conformance.model.RequirementVerdict;
import org.replkit.conformance.model.Verdict;
import org.replkit.spec.Requirement;
import org.replkit.spec.RequirementCatalogue;

/**
 * Turns the JUnit events of a run into check outcomes and folds them into one verdict per
 * (requirement, endpoint), in catalogue order.
 */
public final class VerdictCollector implements TestExecutionListener {

    private final RunContext run;
    private final Consumer<CheckOutcome> onOutcome;
    private final Map<String, Long> started = new ConcurrentHashMap<>();
    private final List<CheckOutcome> outcomes = new ArrayList<>();
    private final List<String> brokenContainers = new ArrayList<>();

    public VerdictCollector(RunContext run, Consumer<CheckOutcome> onOutcome) {
        this.run = run;
        this.onOutcome = onOutcome;
    }

    @Override
    public void executionStarted(TestIdentifier id) {
        started.put(id.getUniqueId(), System.nanoTime());
    }

    @Override
    public void executionSkipped(TestIdentifier id, String reason) {
        run.invocation(id.getUniqueId()).ifPresent(inv ->
                record(new CheckOutcome(inv.requirement().id(), inv.endpoint().key(), inv.check(), inv.title(),
                        Verdict.SKIPPED, reason, List.of(), 0)));
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        Optional<RunContext.Invocation> invocation = run.invocation(id.getUniqueId());
        if (invocation.isEmpty()) {
            if (id.isContainer() && result.getStatus() == TestExecutionResult.Status.FAILED) {
                brokenContainers.add(id.getDisplayName() + ": " + result.getThrowable().map(Throwable::toString).orElse("failed"));
            }
            return;
        }
        RunContext.Invocation inv = invocation.get();
        long millis = (System.nanoTime() - started.getOrDefault(id.getUniqueId(), System.nanoTime())) / 1_000_000;
        Verdict verdict;
        String message = null;
        List<Exchange> evidence = List.of();
        switch (result.getStatus()) {
            case SUCCESSFUL -> verdict = Verdict.PASS;
            case ABORTED -> {
                verdict = Verdict.SKIPPED;
                message = result.getThrowable().map(Throwable::getMessage).orElse("aborted");
            }
            default -> {
                verdict = Verdict.FAIL;
                Throwable t = result.getThrowable().orElse(null);
                message = describe(t);
                evidence = t instanceof CheckFailure cf && !cf.evidence().isEmpty() ? cf.evidence() : inv.log().last(3);
            }
        }
        record(new CheckOutcome(inv.requirement().id(), inv.endpoint().key(), inv.check(), inv.title(), verdict,
                message, evidence, millis));
    }

    private static String describe(Throwable t) {
        if (t == null) {
            return "failed";
        }
        if (t instanceof AssertionError && t.getMessage() != null) {
            return t.getMessage();
        }
        // Not a verdict but a broken check: say so plainly rather than blame the receiver silently.
        return "the check itself failed: " + t;
    }

    private synchronized void record(CheckOutcome outcome) {
        outcomes.add(outcome);
        onOutcome.accept(outcome);
    }

    /**
     * One verdict per requirement and endpoint that kit verify covers (every requirement with a
     * patterns, metrics or status endpoint). A pair without any outcome failed when a check class
     * could not run, and is skipped otherwise.
     */
    public synchronized List<RequirementVerdict> verdicts() {
        Map<String, List<CheckOutcome>> byPair = new LinkedHashMap<>();
        for (CheckOutcome o : outcomes) {
            byPair.computeIfAbsent(o.requirementId() + "|" + o.endpoint(), k -> new ArrayList<>()).add(o);
        }
        List<RequirementVerdict> out = new ArrayList<>();
        for (Requirement r : covered()) {
            for (String endpoint : r.endpoints()) {
                if (EndpointKind.byKey(endpoint).isEmpty()) {
                    continue;
                }
                List<CheckOutcome> checks = byPair.getOrDefault(r.id() + "|" + endpoint, List.of());
                if (checks.isEmpty()) {
                    Verdict v = brokenContainers.isEmpty() ? Verdict.SKIPPED : Verdict.FAIL;
                    String why = brokenContainers.isEmpty() ? "no check ran" : "checks could not run: " + brokenContainers;
                    checks = List.of(new CheckOutcome(r.id(), endpoint, "-", "-", v, why, List.of(), 0));
                }
                out.add(RequirementVerdict.fold(r, endpoint, checks));
            }
        }
        return out;
    }

    /** The requirements kit verify gives verdicts on. */
    public static List<Requirement> covered() {
        return RequirementCatalogue.get().all().stream()
                .filter(r -> r.endpoints().stream().anyMatch(e -> EndpointKind.byKey(e).isPresent()))
                .toList();
    }
}
