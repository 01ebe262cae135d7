package org.replkit.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.replkit.spec.Outcome;

/**
 * The machine-readable summary of one load run, {@code <run folder>/summary.json}: the verdict,
 * Gatling's global figures, each assertion's result, the effective parameters and the
 * simulation's own figures. {@link ReportIndex} gathers these into the reports index.
 */
public final class RunSummary {

    public static final String FILE = "summary.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    private RunSummary() {
    }

    /** Writes the run's summary.json and returns it. */
    public static ObjectNode write(LoadProfile profile, GatlingRunner.Outcome outcome) {
        Path dir = outcome.reportDir();
        GatlingStats stats = GatlingStats.read(dir);
        ObjectNode s = JSON.createObjectNode();
        s.put("profile", profile.id());
        s.put("startedAt", outcome.started().toString());
        s.put("verdict", (outcome.passed() ? Outcome.PASSED : Outcome.FAILED).label());
        s.put("gatlingStatus", outcome.status());
        s.put("rerun", outcome.rerun());
        s.put("report", "load/" + dir.getFileName() + "/index.html");
        ObjectNode requests = s.putObject("requests");
        requests.put("total", stats.requests());
        requests.put("ok", stats.ok());
        requests.put("failed", stats.failed());
        JsonNode figures = readFigures(dir);
        // Shed answers (429/503 with Retry-After) are among Gatling's OK requests: the sender retries them.
        if (figures.path("shedding").has("shed")) {
            long shed = figures.path("shedding").path("shed").asLong();
            requests.put("shed", shed);
            requests.put("shedShare", stats.requests() == 0 ? 0.0 : Math.round(shed * 10_000.0 / stats.requests()) / 10_000.0);
        }
        requests.put("perSecond", stats.throughputRps());
        ObjectNode times = s.putObject("responseTimeMs");
        times.put("min", stats.minMs());
        times.put("p50", stats.p50Ms());
        times.put("p75", stats.p75Ms());
        times.put("p95", stats.p95Ms());
        times.put("p99", stats.p99Ms());
        times.put("max", stats.maxMs());
        times.put("mean", stats.meanMs());
        ArrayNode checked = s.putArray("assertions");
        for (AssertionResult a : outcome.assertions()) {
            checked.addObject().put("assertion", a.assertion()).put("outcome", (a.passed() ? Outcome.PASSED : Outcome.FAILED).label())
                    .put("actual", a.actual());
        }
        s.set("target", figures.path("run").path("target"));
        s.set("parameters", figures.path("parameters"));
        for (String profileFigures : java.util.List.of("pipeline", "cliff", "capacity")) {
            if (figures.has(profileFigures)) {
                s.set(profileFigures, figures.get(profileFigures));
            }
        }
        shedVerdict(profile, figures, stats).ifPresent(v -> s.putArray("requirements").add(JSON.valueToTree(v.entry())));
        try {
            JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve(FILE).toFile(), s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return s;
    }

    /** SYNC-SHED-01, judged by the profiles that drive a receiver past its capacity: catch-up and cliff. */
    static java.util.Optional<ShedVerdict> shedVerdict(LoadProfile profile, JsonNode figures, GatlingStats stats) {
        if (profile == LoadProfile.CLIFF && figures.has("cliff")) {
            return java.util.Optional.of(ShedVerdict.ofCliff(figures.get("cliff"),
                    figures.path("parameters").path("timeoutMs").asLong(5000)));
        }
        if (profile == LoadProfile.CATCH_UP && figures.has("shedding")) {
            return java.util.Optional.of(ShedVerdict.ofCatchUp(figures.get("shedding"), stats.maxMs()));
        }
        return java.util.Optional.empty();
    }

    private static JsonNode readFigures(Path dir) {
        Path file = dir.resolve(GatlingRunner.FIGURES_FILE);
        if (!Files.exists(file)) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    /** One of Gatling's assertion verdicts, as it printed it ("Global: 99th percentile ... : true (actual : 81.0)"). */
    public record AssertionResult(String assertion, boolean passed, String actual) {}
}
