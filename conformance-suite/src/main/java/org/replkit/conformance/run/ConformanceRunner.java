package org.replkit.conformance.run;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.replkit.conformance.checks.support.CheckFailure;
import org.replkit.conformance.checks.support.ReceiverUnderTest;
import org.replkit.conformance.checks.support.Session;
import org.replkit.conformance.checks.support.StatusEndpoint;
import org.replkit.conformance.checks.support.Target;
import org.replkit.conformance.http.ExchangeLog;
import org.replkit.conformance.http.Http;
import org.replkit.conformance.model.CannotTell;
import org.replkit.conformance.model.CheckOutcome;
import org.replkit.conformance.model.ConformanceResult;
import org.replkit.conformance.model.EndpointKind;
import org.replkit.conformance.model.FailingCase;
import org.replkit.conformance.model.NotApplicable;
import org.replkit.conformance.model.RequirementVerdict;
import org.replkit.conformance.model.RunSettings;
import org.replkit.conformance.model.Targets;
import org.replkit.spec.Outcome;
import org.replkit.spec.Requirement;
import org.replkit.spec.RequirementCatalogue;

/**
 * Runs the checks against the targets, one requirement after another in catalogue order and each on
 * every endpoint it applies to, and turns what each check did into an outcome:
 * returned: passed; {@link CheckFailure}: failed; {@link CannotTell}: cantTell; anything else: the
 * kit's own trouble, so cantTell as well, never the receiver's failure. A requirement whose endpoint
 * or credential is missing, or that was not selected, is inapplicable without running.
 */
public final class ConformanceRunner {

    private ConformanceRunner() {}

    /** @param progress called as each check ends (the terminal's progress lines) */
    public static ConformanceResult run(Targets targets, RunSettings settings, Consumer<CheckOutcome> progress) {
        Instant startedAt = Instant.now();
        long start = System.nanoTime();
        List<RequirementVerdict> verdicts = new ArrayList<>();
        Session session = new Session(targets, settings);
        for (Requirement r : covered()) {
            for (String endpoint : r.endpoints()) {
                Optional<EndpointKind> kind = EndpointKind.byKey(endpoint);
                if (kind.isEmpty()) {
                    continue;
                }
                CheckOutcome outcome = runOne(session, r, kind.get());
                progress.accept(outcome);
                verdicts.add(RequirementVerdict.fold(r, endpoint, List.of(outcome)));
            }
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        return new ConformanceResult(settings.profile(), targets.describe(), settings.seed(), startedAt, millis,
                verdicts, null);
    }

    /** The requirements kit verify gives verdicts on: those of the patterns, metrics and status endpoints. */
    public static List<Requirement> covered() {
        return RequirementCatalogue.get().all().stream()
                .filter(r -> r.endpoints().stream().anyMatch(e -> EndpointKind.byKey(e).isPresent()))
                .toList();
    }

    private static CheckOutcome runOne(Session session, Requirement r, EndpointKind kind) {
        String endpoint = kind.key();
        Optional<CheckRegistry.Check> found = CheckRegistry.all().forRequirement(r.id());
        if (found.isEmpty()) {
            return CheckOutcome.of(r.id(), endpoint, Outcome.CANT_TELL, "the kit has no check for this requirement");
        }
        CheckRegistry.Check check = found.get();
        String title = check.annotation().title();
        Optional<String> inapplicable = inapplicable(session, r, kind);
        if (inapplicable.isPresent()) {
            return new CheckOutcome(r.id(), endpoint, check.name(), title, Outcome.INAPPLICABLE, inapplicable.get(),
                    null, null, null, null, List.of(), 0, 0, List.of());
        }
        Optional<String> stopped = session.guard().pastDeadline()
                .or(() -> check.annotation().judgesLateness() ? Optional.empty() : session.guard().tooSlow(kind));
        if (stopped.isPresent()) {
            return new CheckOutcome(r.id(), endpoint, check.name(), title, Outcome.CANT_TELL, stopped.get(),
                    null, null, stopped.get().contains("SYNC-TIME-01") ? "SYNC-TIME-01" : null, null, List.of(), 0, 0, List.of());
        }
        ExchangeLog log = new ExchangeLog();
        Http http = session.http(kind, log, check.annotation().judgesLateness());
        URI url = session.targets().url(kind).orElseThrow();
        Target target = new Target(kind, url, session, http);
        Object parameter = check.parameterType() == StatusEndpoint.class ? new StatusEndpoint(target) : new ReceiverUnderTest(target);
        long began = System.nanoTime();
        Outcome outcome = Outcome.PASSED;
        String message = null;
        String expected = null;
        String actual = null;
        String blockedBy = null;
        String example = null;
        List<org.replkit.conformance.model.Exchange> evidence = List.of();
        int casesRun = 1;
        List<FailingCase> failingCases = List.of();
        try {
            check.invoke(parameter);
        } catch (CheckFailure f) {
            outcome = Outcome.FAILED;
            message = f.getMessage();
            expected = f.expected();
            actual = f.actual();
            example = f.example();
            evidence = f.evidence().isEmpty() ? log.last(3) : f.evidence();
            casesRun = Math.max(f.casesRun(), target.casesRun());
            List<org.replkit.conformance.model.Exchange> deciding = evidence;
            failingCases = f.failingCases().stream().map(c -> new FailingCase(c.caseName() == null ? check.name() : c.caseName(),
                    c.getMessage(), c.expected(), c.actual(), c.example(), c == f ? deciding : c.evidence())).toList();
        } catch (NotApplicable n) {
            outcome = Outcome.INAPPLICABLE;
            message = n.getMessage();
        } catch (CannotTell c) {
            outcome = Outcome.CANT_TELL;
            message = c.getMessage();
            blockedBy = c.blockedBy();
            evidence = c.evidence();
        } catch (Throwable t) {
            if (t instanceof Error && !(t instanceof AssertionError) && !(t instanceof StackOverflowError)) {
                throw (Error) t;
            }
            // The kit's own trouble: never the receiver's fault, so never a failure.
            outcome = Outcome.CANT_TELL;
            message = "the kit's own check could not run to its end: " + oneLine(t)
                    + " (run with KIT_DEBUG=1 to see where)";
            if (System.getenv("KIT_DEBUG") != null) {
                t.printStackTrace();
            }
            evidence = log.last(3);
        }
        long millis = (System.nanoTime() - began) / 1_000_000;
        if (outcome != Outcome.FAILED) {
            casesRun = target.casesRun();
        }
        return new CheckOutcome(r.id(), endpoint, check.name(), title, outcome, message, expected, actual, blockedBy,
                example, evidence, millis, casesRun, failingCases);
    }

    /** Why the requirement cannot apply to this endpoint in this run, if it cannot. */
    private static Optional<String> inapplicable(Session session, Requirement r, EndpointKind kind) {
        Targets t = session.targets();
        if (!session.settings().selected(r.id())) {
            return Optional.of("not selected for this run (--only)");
        }
        if (t.url(kind).isEmpty()) {
            return Optional.of("no " + kind.option() + " given");
        }
        for (String need : r.needs()) {
            String missing = switch (need) {
                case "token" -> t.token() == null ? "needs the receiver's bearer token (--token)" : null;
                case "admin-token" -> t.adminToken() == null ? "needs the status endpoint's admin token (--admin-token)" : null;
                case "signing-secret" -> t.signingSecret() == null ? "needs the receivers' signing secret (--signing-secret)" : null;
                case "sender-db" -> t.senderLink().isEmpty()
                        ? "needs a sender database (KIT_SENDER_DB_URL) to drive trigger, pg_cron and pg_net" : null;
                default -> "needs " + need + ", which kit verify cannot provide";
            };
            if (missing != null) {
                return Optional.of(missing);
            }
        }
        return Optional.empty();
    }

    private static String oneLine(Throwable t) {
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getClass().getSimpleName() + ": " + t.getMessage();
        return m.lines().findFirst().orElse(m);
    }
}
