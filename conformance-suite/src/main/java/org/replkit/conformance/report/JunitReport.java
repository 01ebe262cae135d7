package org.replkit.conformance.report;

import static org.replkit.conformance.report.Html.visible;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.replkit.conformance.model.ConformanceResult;
import org.replkit.conformance.model.RequirementVerdict;
import org.replkit.conformance.model.Text;

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

    /**
     * @param message the failure's one-line message, or null
     * @param failure the failure as the HTML report shows it (its evidence in words), or null
     * @param skipped why the case is skipped, or null
     */
    public record Case(String classname, String name, String time, String message, String level, ConformancePage.Failure failure,
                       String skipped) {}

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
                failure ? visible(Text.firstLine(v.reason(), 300) + (v.casesRun() > 1 ? " (" + v.casesLine() + ")" : "")) : null,
                v.requirement().level().name(), failure ? HtmlReport.failure(r, v, replay) : null,
                skip == null ? null : visible(skip));
    }

    /** Why a case that neither passed nor fails the run is skipped, or null for a pass. */
    public static String skipMessage(ConformanceResult r, RequirementVerdict v) {
        String reason = Text.firstLine(v.reason(), 300);
        return switch (v.outcome()) {
            case PASSED -> null;
            case FAILED -> r.baselined(v) ? "known failure, listed in the baseline: " + reason
                    : v.requirement().level().name() + ", not counted by " + r.profile().label() + ": " + reason;
            case CANT_TELL -> "cannot tell: " + reason;
            case INAPPLICABLE -> "inapplicable: " + reason;
        };
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
    }
}
