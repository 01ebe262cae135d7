package org.replkit.conformance.report;

import static org.replkit.conformance.report.Html.visible;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.replkit.conformance.model.CheckOutcome;
import org.replkit.conformance.model.ConformanceResult;
import org.replkit.conformance.model.Exchange;
import org.replkit.conformance.model.FailingCase;
import org.replkit.conformance.model.RequirementVerdict;

/**
 * junit.xml, written from the verdicts so that a CI test view shows exactly what the kit decided:
 * one test case per (requirement, endpoint), named {@code SYNC-IDEM-03 [patterns] <title>} in class
 * {@code replication.SYNC-IDEM}. A failure that fails the run is a {@code <failure>} whose message is
 * the one-line reason and whose body is the evidence with a curl line per request; everything else
 * that did not pass (cannot tell, inapplicable, a SHOULD the profile does not count, a baselined
 * failure) is {@code <skipped>} with the reason. Only the run's own settings are properties: no JVM
 * property, no host, no secret.
 */
public final class JunitReport {

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

    private JunitReport() {}

    /** What junit.xml holds (template junit.jte); every text is {@link Html#visible}, which XML 1.0 can carry. */
    public record Page(String suite, int tests, int failures, int skipped, String time, String timestamp,
                       Map<String, String> properties, List<Case> cases) {}

    /** @param failure the failure's one-line message, or null; @param skipped why the case is skipped, or null */
    public record Case(String classname, String name, String time, String failure, String level, String evidence, String skipped) {}

    public static String render(ConformanceResult r, Replay replay) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("profile", r.profile().label());
        properties.put("seed", String.valueOf(r.seed()));
        properties.put("verdict", r.verdict().label());
        properties.put("rerun", Rerun.command(r, List.of()));
        r.targets().forEach((name, url) -> properties.put("target." + name, url));
        properties.replaceAll((name, value) -> visible(value));
        ConformanceResult.Cases cases = r.cases();
        Page page = new Page("replication conformance (" + r.profile().label() + ")", cases.tests(), cases.failures(), cases.skipped(),
                seconds(r.millis()), TIMESTAMP.format(r.startedAt()), properties,
                r.verdicts().stream().map(v -> testcase(r, v, replay)).toList());
        return Pages.render("junit.jte", page);
    }

    private static Case testcase(ConformanceResult r, RequirementVerdict v, Replay replay) {
        boolean failure = r.isNewFailure(v);
        String skip = failure ? null : skipMessage(r, v);
        return new Case("replication." + v.requirement().family(), v.name() + " " + v.requirement().title(), seconds(v.millis()),
                failure ? visible(oneLine(v.reason()) + (v.casesRun() > 1 ? " (" + v.casesLine() + ")" : "")) : null,
                v.requirement().level().name(), failure ? visible(evidence(r, v, replay)) : null,
                skip == null ? null : visible(skip));
    }

    /** Why a case that neither passed nor fails the run is skipped, or null for a pass. */
    public static String skipMessage(ConformanceResult r, RequirementVerdict v) {
        return switch (v.outcome()) {
            case PASSED -> null;
            case FAILED -> r.baselined(v) ? "known failure, listed in the baseline: " + oneLine(v.reason())
                    : v.requirement().level().name() + ", not counted by " + r.profile().label() + ": " + oneLine(v.reason());
            case CANT_TELL -> "cannot tell: " + oneLine(v.reason());
            case INAPPLICABLE -> "inapplicable: " + oneLine(v.reason());
        };
    }

    private static String evidence(ConformanceResult r, RequirementVerdict v, Replay replay) {
        StringBuilder b = new StringBuilder("\n");
        b.append(v.reason()).append("\n");
        CheckOutcome c = v.deciding();
        if (c != null && c.expected() != null) {
            b.append("expected: ").append(c.expected()).append("\nactual:   ").append(c.actual()).append("\n");
        }
        if (c != null && c.example() != null) {
            b.append("smallest failing example:\n").append(c.example()).append("\n");
        }
        exchanges(b, v.evidence(), replay);
        List<FailingCase> cases = v.failingCases();
        b.append("\n").append(v.casesLine()).append("\n");
        for (int i = 1; i < cases.size(); i++) {
            FailingCase fc = cases.get(i);
            b.append("\nFailing case ").append(i + 1).append(" of ").append(cases.size()).append(": ").append(fc.name()).append("\n")
                    .append(fc.message()).append("\n");
            if (fc.expected() != null) {
                b.append("expected: ").append(fc.expected()).append("\nactual:   ").append(fc.actual()).append("\n");
            }
            if (fc.example() != null) {
                b.append("smallest failing example:\n").append(fc.example()).append("\n");
            }
            exchanges(b, fc.evidence(), replay);
        }
        b.append("\nRerun this requirement: ").append(Rerun.command(r, List.of(v.id()))).append("\n    ");
        return b.toString();
    }

    private static void exchanges(StringBuilder b, List<Exchange> exchanges, Replay replay) {
        for (Exchange e : exchanges) {
            b.append("\n").append(e.method()).append(' ').append(e.url()).append("\n");
            e.requestHeaders().forEach((k, val) -> b.append(k).append(": ").append(val).append("\n"));
            if (e.method().equals("POST")) {
                b.append("\n").append(e.requestText()).append("\n");
            }
            b.append("-> ");
            if (e.status() == null) {
                b.append("no answer: ").append(e.error()).append(" (").append(e.millis()).append(" ms)\n");
            } else {
                b.append(e.status()).append(" (").append(e.millis()).append(" ms)")
                        .append(e.error() == null ? "" : "; " + e.error()).append("\n").append(e.responseText()).append("\n");
            }
            b.append("Reproduce with: ").append(replay.curl(e)).append("\n");
        }
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
    }

    static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        String line = s.lines().findFirst().orElse("");
        return line.length() > 300 ? line.substring(0, 297) + "..." : line;
    }
}
