package org.replkit.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.replkit.conformance.model.ConformanceResult;
import org.replkit.conformance.model.EndpointKind;
import org.replkit.conformance.model.FailingCase;
import org.replkit.spec.Outcome;
import org.replkit.conformance.model.RequirementVerdict;
import org.replkit.conformance.model.RunSettings;
import org.replkit.conformance.model.Targets;
import org.replkit.conformance.records.Violations;
import org.replkit.conformance.report.ReportWriter;
import org.replkit.conformance.run.ConformanceRunner;
import org.replkit.conformance.run.ProgressPrinter;
import org.replkit.conformance.selftest.FaultyReceiver;
import org.replkit.spec.Profile;

/**
 * A receiver that breaks two cases of one requirement gets both reported: every failing case, with
 * its own evidence and curl line, and the count, in the terminal, conformance.json, junit.xml and
 * the HTML report; the first failing case decides the outcome.
 */
class EveryFailingCaseTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ABOVE_BIGINT = "jobs_completed is above its maximum 9223372036854775807";
    private static final String PERCENTILE_ORDER = "p50 is above p95";

    @TempDir
    Path reports;

    @Test
    void aReceiverBreakingTwoCasesOfMetVal02GetsBothReported() throws Exception {
        try (FaultyReceiver correct = FaultyReceiver.correct(null, null);
             LenientFront front = new LenientFront(correct.metricsUrl())) {
            ByteArrayOutputStream terminal = new ByteArrayOutputStream();
            ConformanceResult result = ConformanceRunner.run(Targets.receivers(null, front.metricsUrl()),
                    RunSettings.defaults(Profile.STRICT).withExamples(4).only(Set.of("MET-VAL-02")),
                    new ProgressPrinter(new PrintStream(terminal, true, StandardCharsets.UTF_8)));

            RequirementVerdict v = result.verdicts().stream().filter(x -> x.id().equals("MET-VAL-02")).findFirst().orElseThrow();
            assertEquals(Outcome.FAILED, v.outcome(), v.reason());
            List<String> failing = v.failingCases().stream().map(FailingCase::name).toList();
            assertEquals(List.of(ABOVE_BIGINT, PERCENTILE_ORDER), failing);
            assertEquals(v.reason(), v.failingCases().get(0).message(), "the first failing case decides the outcome");
            for (FailingCase c : v.failingCases()) {
                assertFalse(c.evidence().isEmpty(), c.name() + " has its own evidence");
            }
            int cases = Violations.of(EndpointKind.METRICS, "MET-VAL-02").size();
            String line = "2 of " + cases + " cases failed";
            assertEquals(line, v.casesLine());

            String printed = terminal.toString(StandardCharsets.UTF_8);
            assertTrue(printed.contains("[" + line + "]"), printed);
            assertTrue(printed.contains("also failed: " + PERCENTILE_ORDER), printed);

            ReportWriter.write(reports, result, null);
            JsonNode req = StreamSupport.stream(JSON.readTree(reports.resolve("conformance.json").toFile()).path("requirements").spliterator(), false)
                    .filter(n -> n.path("id").asText().equals("MET-VAL-02")).findFirst().orElseThrow();
            assertEquals(2, req.path("cases").path("failed").asInt());
            assertEquals(cases, req.path("cases").path("run").asInt());
            JsonNode listed = req.path("failing_cases");
            assertEquals(2, listed.size());
            assertEquals(ABOVE_BIGINT, listed.get(0).path("check").asText());
            assertEquals(PERCENTILE_ORDER, listed.get(1).path("check").asText());
            for (JsonNode c : listed) {
                assertFalse(c.path("reason").asText().isEmpty());
                assertTrue(c.has("smallest_example"));
                assertTrue(c.path("evidence").size() > 0);
                assertTrue(c.path("curl").asText().startsWith("curl "), c.path("curl").asText());
            }
            assertEquals(req.path("reason").asText(), listed.get(0).path("reason").asText(), "the existing fields stay, from the first case");

            String junit = Files.readString(reports.resolve("junit.xml"));
            assertTrue(junit.contains(line) && junit.contains("Failing case 2 of 2: " + PERCENTILE_ORDER), junit);
            String html = Files.readString(reports.resolve("index.html"));
            assertTrue(html.contains(line), "the HTML shows the count");
            assertTrue(html.contains("<ol class=\"failing-cases\">") && html.contains(PERCENTILE_ORDER), "the HTML lists the other case");
        }
    }

    /**
     * In front of a correct receiver: clamps a jobs_completed above 2^63-1 to 2^63-1 and swaps p50
     * and p95 when p50 is above p95, then passes the record on. So it acknowledges two kinds of
     * record that MET-VAL-02 says must be refused, and refuses every other.
     */
    static final class LenientFront implements AutoCloseable {
        private static final BigInteger MAX = BigInteger.valueOf(Long.MAX_VALUE);
        private final HttpClient client = HttpClient.newHttpClient();
        private final URI behind;
        private final Javalin app;

        LenientFront(String behind) {
            this.behind = URI.create(behind);
            this.app = Javalin.create(cfg -> {
                cfg.startup.showJavalinBanner = false;
                cfg.routes.post("/sync/metrics", this::forward);
            }).start("127.0.0.1", 0);
        }

        String metricsUrl() {
            return "http://127.0.0.1:" + app.port() + "/sync/metrics";
        }

        private void forward(Context ctx) throws Exception {
            String body = ctx.body();
            try {
                JsonNode parsed = JSON.readTree(body);
                if (parsed instanceof ObjectNode record) {
                    JsonNode jobs = record.get("jobs_completed");
                    if (jobs != null && jobs.isIntegralNumber() && jobs.bigIntegerValue().compareTo(MAX) > 0) {
                        record.put("jobs_completed", Long.MAX_VALUE);
                    }
                    JsonNode p50 = record.get("p50_execution_time_ms");
                    JsonNode p95 = record.get("p95_execution_time_ms");
                    if (p50 != null && p95 != null && p50.isNumber() && p95.isNumber() && p50.asDouble() > p95.asDouble()) {
                        record.set("p50_execution_time_ms", p95);
                        record.set("p95_execution_time_ms", p50);
                    }
                    body = record.toString();
                }
            } catch (Exception notJson) {
                // passed on as it came
            }
            HttpRequest.Builder out = HttpRequest.newBuilder(behind).POST(HttpRequest.BodyPublishers.ofString(body));
            ctx.headerMap().forEach((k, v) -> {
                if (k.equalsIgnoreCase("Content-Type") || k.toLowerCase(java.util.Locale.ROOT).startsWith("x-sync-")) {
                    out.header(k, v);
                }
            });
            HttpResponse<String> answer = client.send(out.build(), HttpResponse.BodyHandlers.ofString());
            ctx.status(answer.statusCode()).result(answer.body());
            answer.headers().firstValue("Content-Type").ifPresent(ctx::contentType);
        }

        @Override
        public void close() {
            app.stop();
        }
    }
}
