package org.replkit.conformance.report;

import static org.replkit.conformance.report.Html.visible;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.replkit.conformance.model.CheckOutcome;
import org.replkit.conformance.model.ConformanceResult;
import org.replkit.conformance.model.EndpointKind;
import org.replkit.conformance.model.Exchange;
import org.replkit.conformance.model.FailingCase;
import org.replkit.conformance.model.RequirementVerdict;
import org.replkit.conformance.model.Text;
import org.replkit.spec.Level;
import org.replkit.spec.Outcome;
import org.replkit.spec.ReportStyle;
import org.replkit.spec.Requirement;
import org.replkit.spec.RequirementCatalogue;

/**
 * index.html: one self-contained page (the kit's stylesheet inline, no scripts, no external files)
 * that a person reads in a browser: the verdict, then what needs attention first (MUST failures,
 * SHOULD failures, what could not be judged), every failure with the requests and answers that show
 * it and a curl line to repeat each, then a row per requirement with a cell per endpoint, and
 * optionally the kit's self-test matrix. This class words the values (a {@link ConformancePage});
 * the template conformance.jte lays them out, escaping every value.
 */
public final class HtmlReport {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
    private static final List<EndpointKind> COLUMNS = List.of(EndpointKind.PATTERNS, EndpointKind.METRICS, EndpointKind.STATUS);

    private HtmlReport() {}

    public static String render(ConformanceResult r, ConformancePage.Matrix matrix, Replay replay) {
        return Pages.render("conformance.jte", page(r, matrix, replay));
    }

    static ConformancePage page(ConformanceResult r, ConformancePage.Matrix matrix, Replay replay) {
        List<RequirementVerdict> failed = r.verdicts().stream().filter(v -> v.outcome() == Outcome.FAILED).toList();
        List<ConformancePage.FailureSection> failures = new ArrayList<>();
        failures(failures, r, "MUST failures", failed.stream().filter(v -> v.requirement().level() == Level.MUST && !r.baselined(v)).toList(), replay);
        failures(failures, r, "SHOULD failures", failed.stream().filter(v -> v.requirement().level() == Level.SHOULD && !r.baselined(v)).toList(), replay);
        failures(failures, r, "Known failures (baseline)", failed.stream().filter(r::baselined).toList(), replay);
        Map<String, List<String>> inapplicable = r.verdicts().stream().filter(v -> v.outcome() == Outcome.INAPPLICABLE)
                .collect(Collectors.groupingBy(v -> String.valueOf(v.reason()), LinkedHashMap::new,
                        Collectors.mapping(RequirementVerdict::name, Collectors.toList())));
        return new ConformancePage(ReportStyle.css(), r.verdict().label(), r.verdictLabel().toUpperCase(Locale.ROOT),
                r.profile().label(), summary(r), r.fixed().isEmpty() ? null : names(r.fixed()), Badge.of(r).svg(), meta(r),
                tiles(r), failures, cantTell(r),
                inapplicable.entrySet().stream().map(e -> new ConformancePage.Cell(e.getKey(), String.join(", ", e.getValue()))).toList(),
                COLUMNS.stream().map(EndpointKind::key).toList(), requirements(r), matrix,
                RequirementCatalogue.get().version(), Rerun.command(r, List.of()),
                r.targets().containsKey(Badge.SENDER_TARGET)
                        ? "Sender rules (SND-*) are judged black-box by kit verify-sender: each request as its scripted receiver got it, its arrival against the commit, and the answer it was given."
                        : "The sender's rules (SND-*) are judged by kit verify-sender, not by kit verify.");
    }

    private static String summary(ConformanceResult r) {
        List<String> newFailures = r.newFailures().stream().map(RequirementVerdict::id).distinct().toList();
        if (r.exitCode() == 1 && newFailures.isEmpty()) {
            return "baselined failures now pass (--strict-baseline): remove " + names(r.fixed()) + " from the baseline";
        } else if (r.exitCode() == 1) {
            return "requirements the " + r.profile().label() + " profile counts failed: " + String.join(", ", newFailures);
        } else if (!r.judgedAnything()) {
            return "no requirement the " + r.profile().label() + " profile counts could be judged: see why below";
        }
        String summary = "no requirement the " + r.profile().label() + " profile counts failed on the endpoints checked";
        int notJudged = r.tally(Level.MUST).notJudged() + (r.profile().counts(Level.SHOULD) ? r.tally(Level.SHOULD).notJudged() : 0);
        if (notJudged > 0) {
            summary += "; " + notJudged + " counted requirement" + (notJudged == 1 ? " was" : "s were") + " not judged";
        }
        if (!r.baselinedFailures().isEmpty()) {
            summary += "; " + r.baselinedFailures().size() + " known failure(s) listed in the baseline";
        }
        return summary;
    }

    private static List<ConformancePage.Cell> meta(ConformanceResult r) {
        List<ConformancePage.Cell> meta = new ArrayList<>();
        meta.add(new ConformancePage.Cell("Profile", r.profile().label()
                + (r.profile().name().equals("CORE") ? " (every MUST counts)" : " (every MUST and SHOULD counts)")));
        meta.add(new ConformancePage.Cell("Started", WHEN.format(r.startedAt())));
        meta.add(new ConformancePage.Cell("Duration", String.format(Locale.ROOT, "%.1f s", r.millis() / 1000.0)));
        meta.add(new ConformancePage.Cell("Seed", String.valueOf(r.seed())));
        r.targets().forEach((k, v) -> meta.add(new ConformancePage.Cell(k, v)));
        return meta;
    }

    private static String names(List<RequirementVerdict> vs) {
        return vs.stream().map(RequirementVerdict::name).collect(Collectors.joining(", "));
    }

    private static List<ConformancePage.Tile> tiles(ConformanceResult r) {
        return Arrays.stream(Level.values()).map(level -> {
            ConformanceResult.Tally t = r.tally(level);
            return new ConformancePage.Tile(level.name(), r.profile().counts(level) ? "" : "(not counted by " + r.profile().label() + ")",
                    t.passed(), t.failed(), t.cantTell(), t.inapplicable());
        }).toList();
    }

    private static void failures(List<ConformancePage.FailureSection> out, ConformanceResult r, String heading,
                                 List<RequirementVerdict> failed, Replay replay) {
        if (failed.isEmpty()) {
            return;
        }
        out.add(new ConformancePage.FailureSection(heading, failed.stream().map(v -> failure(r, v, replay)).toList()));
    }

    /** A failed verdict as index.html and junit.xml show it: the deciding check's reason and evidence, then the other failing cases. */
    static ConformancePage.Failure failure(ConformanceResult r, RequirementVerdict v, Replay replay) {
        CheckOutcome c = v.deciding();
        String tags = v.requirement().level() + " · " + v.endpoint()
                + (r.counts(v.requirement()) ? "" : " · not counted by " + r.profile().label())
                + (r.baselined(v) ? " · listed in the baseline" : "");
        String cases = v.casesLine() + (v.failingCases().size() > 1 ? ": the first decides the outcome, the others follow it" : "");
        return new ConformancePage.Failure(anchor(v), v.id(), tags, v.requirement().title(), cases, c.title(), c.check(),
                visible(c.message()), c.expected() == null ? null : visible(c.expected()), visible(c.actual()),
                c.example() == null ? null : visible(c.example()), c.evidence().stream().map(e -> exchange(e, replay)).toList(),
                otherCases(v, replay), Rerun.command(r, List.of(v.id())));
    }

    /** Every failing case after the deciding one (shown above them), each with its reason, example and evidence. */
    private static List<ConformancePage.Case> otherCases(RequirementVerdict v, Replay replay) {
        List<FailingCase> cases = v.failingCases();
        if (cases.size() < 2) {
            return List.of();
        }
        return cases.subList(1, cases.size()).stream()
                .map(fc -> new ConformancePage.Case(visible(fc.name()), visible(fc.message()),
                        fc.expected() == null ? null : visible(fc.expected()), visible(fc.actual()),
                        fc.example() == null ? null : visible(fc.example()),
                        fc.evidence().stream().map(e -> exchange(e, replay)).toList()))
                .toList();
    }

    private static ConformancePage.ExchangeView exchange(Exchange e, Replay replay) {
        StringBuilder request = new StringBuilder(e.method() + " " + e.url()).append('\n');
        e.requestHeaders().forEach((k, v) -> request.append(k).append(": ").append(v).append('\n'));
        if (e.method().equals("POST") && !e.requestText().isEmpty()) {
            request.append('\n').append(e.requestText());
        }
        StringBuilder answer = new StringBuilder();
        if (e.status() == null) {
            answer.append("no answer: ").append(e.error());
        } else {
            if (e.error() != null) {
                answer.append(e.error()).append('\n'); // kit verify-sender: when the request arrived against its commit
            }
            answer.append("HTTP ").append(e.status()).append('\n');
            e.responseHeaders().forEach((k, v) -> answer.append(k).append(": ").append(v).append('\n'));
            if (e.responseText() != null && !e.responseText().isEmpty()) {
                answer.append('\n').append(e.responseText());
            }
        }
        return new ConformancePage.ExchangeView(visible(request.toString()), "Answer (" + e.millis() + " ms)",
                visible(answer.toString()), visible(replay.curl(e)));
    }

    private static List<ConformancePage.NotJudged> cantTell(ConformanceResult r) {
        return r.verdicts().stream().filter(v -> v.outcome() == Outcome.CANT_TELL)
                .map(v -> new ConformancePage.NotJudged(anchor(v), v.name(), v.requirement().level().name(), visible(v.reason()),
                        v.blockedBy()))
                .toList();
    }

    private static List<ConformancePage.RequirementRow> requirements(ConformanceResult r) {
        Map<Requirement, Map<String, RequirementVerdict>> grid = new LinkedHashMap<>();
        for (RequirementVerdict v : r.verdicts()) {
            grid.computeIfAbsent(v.requirement(), k -> new LinkedHashMap<>()).put(v.endpoint(), v);
        }
        return grid.entrySet().stream().map(e -> new ConformancePage.RequirementRow(e.getKey().id(), e.getKey().title(),
                e.getKey().level().name(), COLUMNS.stream().map(k -> cell(e.getValue().get(k.key()))).toList())).toList();
    }

    /** A requirement's cell for one endpoint; empty where it was not run there. */
    private static ConformancePage.GridCell cell(RequirementVerdict v) {
        if (v == null) {
            return new ConformancePage.GridCell(null, null, null);
        }
        String title = v.reason() == null ? v.millis() + " ms" : v.reason();
        boolean linked = v.outcome() == Outcome.FAILED || v.outcome() == Outcome.CANT_TELL;
        return new ConformancePage.GridCell(v.outcome().label(), visible(Text.firstLine(title)), linked ? anchor(v) : null);
    }

    private static String anchor(RequirementVerdict v) {
        return "v-" + v.id() + "-" + v.endpoint();
    }
}
