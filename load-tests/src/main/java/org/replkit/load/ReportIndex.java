package org.replkit.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.replkit.spec.Outcome;
import org.replkit.spec.ReportStyle;

/**
 * The reports folder's front page: {@code index.html} gives the overall verdict, the newest load
 * run of each profile (which decides it) and older runs as history, with a link to each Gatling
 * report; {@code load-summary.json} holds every run's summary.json object, newest first. Both are
 * rebuilt from the run folders each time.
 */
public final class ReportIndex {

    public static final String SUMMARY_FILE = "load-summary.json";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TemplateEngine PAGES = TemplateEngine.createPrecompiled(null, ContentType.Html,
            ReportIndex.class.getClassLoader(), "org.replkit.load.pages");

    private ReportIndex() {
    }

    /** Rebuilds {@code <reports>/index.html} and {@code <reports>/load-summary.json}; returns the index page. */
    public static Path refresh(Path reportsDir) {
        List<JsonNode> runs = readRuns(reportsDir.resolve("load"));
        try {
            Files.createDirectories(reportsDir);
            JSON.writerWithDefaultPrettyPrinter().writeValue(reportsDir.resolve(SUMMARY_FILE).toFile(), runs);
            Path index = reportsDir.resolve("index.html");
            Files.writeString(index, html(page(runs, conformanceVerdict(reportsDir))), StandardCharsets.UTF_8);
            return index;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the reports index in " + reportsDir, e);
        }
    }

    static String html(IndexPage page) {
        StringOutput out = new StringOutput();
        PAGES.render("index.jte", page, out);
        return out.toString();
    }

    /** The newest run of each profile decides; a profile's older runs are history, even when they failed. */
    static IndexPage page(List<JsonNode> runsNewestFirst, Outcome conformance) {
        List<IndexPage.Run> newest = new ArrayList<>();
        List<IndexPage.Run> history = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Outcome overall = conformance;
        for (JsonNode r : runsNewestFirst) {
            IndexPage.Run run = run(r);
            if (seen.add(run.profile())) {
                newest.add(run);
                Outcome o = run.verdict().equals(Outcome.PASSED.label()) ? Outcome.PASSED : Outcome.FAILED;
                overall = overall == null ? o : Outcome.worse(overall, o);
            } else {
                history.add(run);
            }
        }
        String verdict = overall == null ? Outcome.INAPPLICABLE.label() : overall.label();
        String text = switch (verdict) {
            case "passed" -> "Passed: the newest run of each profile passed";
            case "failed" -> "Failed: a newest run failed";
            case "cantTell" -> "Cannot tell: the conformance run could judge nothing";
            default -> "No reports yet";
        };
        return new IndexPage(ReportStyle.css(), verdict, text, conformance == null ? null : conformance.label(), newest, history);
    }

    private static IndexPage.Run run(JsonNode r) {
        JsonNode t = r.path("responseTimeMs");
        JsonNode q = r.path("requests");
        List<String> failedAssertions = r.path("assertions").valueStream()
                .filter(a -> !Outcome.PASSED.label().equals(a.path("outcome").asText()))
                .map(a -> a.path("assertion").asText() + " (actual " + a.path("actual").asText() + ")").toList();
        // The requirements the run judged (SYNC-SHED-01 for catch-up and cliff), each "id: outcome".
        List<String> requirements = r.path("requirements").valueStream()
                .map(judged -> judged.path("id").asText() + ": " + judged.path("outcome").asText()).toList();
        return new IndexPage.Run(r.path("profile").asText(), started(r.path("startedAt").asText()),
                Outcome.PASSED.label().equals(r.path("verdict").asText()) ? "passed" : "failed", failedAssertions, requirements,
                num(q.path("total")), num(q.path("failed")), shed(q), num(q.path("perSecond")), num(t.path("p50")),
                num(t.path("p95")), num(t.path("p99")), num(t.path("max")), pipeline(r.path("pipeline")),
                r.path("target").asText(""), parameters(r.path("parameters")), r.path("report").asText());
    }

    /** The verdict of reports/conformance/conformance.json, or null when there is none to read. */
    private static Outcome conformanceVerdict(Path reportsDir) {
        Path file = reportsDir.resolve("conformance").resolve("conformance.json");
        if (!Files.exists(file) || !Files.exists(reportsDir.resolve("conformance").resolve("index.html"))) {
            return null;
        }
        try {
            String verdict = JSON.readTree(file.toFile()).path("verdict").asText();
            return Arrays.stream(Outcome.values()).filter(o -> o.label().equals(verdict)).findFirst().orElse(Outcome.CANT_TELL);
        } catch (IOException e) {
            return Outcome.CANT_TELL; // a damaged report cannot tell
        }
    }

    private static List<JsonNode> readRuns(Path loadDir) {
        List<JsonNode> runs = new ArrayList<>();
        if (!Files.isDirectory(loadDir)) {
            return runs;
        }
        try (Stream<Path> dirs = Files.list(loadDir)) {
            for (Path summary : dirs.map(d -> d.resolve(RunSummary.FILE)).filter(Files::exists).toList()) {
                try {
                    runs.add(JSON.readTree(summary.toFile()));
                } catch (IOException e) {
                    // a damaged summary leaves its run out of the index, not the index unwritten
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        runs.sort(Comparator.comparing((JsonNode r) -> r.path("startedAt").asText()).reversed());
        return runs;
    }

    private static String started(String instant) {
        return instant.replace('T', ' ').replaceAll("\\.\\d+Z$", "Z");
    }

    /** Shed answers (429/503 with Retry-After) and their share of the requests; blank for a run without deliveries. */
    private static String shed(JsonNode requests) {
        return !requests.has("shed") ? ""
                : requests.path("shed").asLong() + String.format(Locale.ROOT, " (%.1f %%)", requests.path("shedShare").asDouble() * 100);
    }

    private static String pipeline(JsonNode p) {
        if (p.isMissingNode()) {
            return null;
        }
        JsonNode lag = p.path("lagMs");
        return String.format(Locale.ROOT, "%s deliveries/s; lag p50 %s, p95 %s, p99 %s ms",
                p.path("deliveriesPerSecond").asText(), lag.path("p50").asText(), lag.path("p95").asText(), lag.path("p99").asText());
    }

    private static String parameters(JsonNode params) {
        return params.properties().stream().map(e -> e.getKey() + "=" + e.getValue().asText()).collect(Collectors.joining(", "));
    }

    private static String num(JsonNode n) {
        return n.isMissingNode() || n.isNull() ? ""
                : n.isFloatingPointNumber() ? String.format(Locale.ROOT, "%.1f", n.asDouble()) : n.asText();
    }
}
