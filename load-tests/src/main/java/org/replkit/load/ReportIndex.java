package org.replkit.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The reports folder's front page: {@code index.html} lists every load run (newest first) with its
 * headline figures and a link to its Gatling report; {@code load-summary.json} holds the same list
 * as the runs' summary.json objects. Both are rebuilt from the run folders each time.
 */
public final class ReportIndex {

    public static final String SUMMARY_FILE = "load-summary.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    private ReportIndex() {
    }

    /** Rebuilds {@code <reports>/index.html} and {@code <reports>/load-summary.json}; returns the index page. */
    public static Path refresh(Path reportsDir) {
        List<JsonNode> runs = readRuns(reportsDir.resolve("load"));
        ArrayNode all = JSON.createArrayNode();
        runs.forEach(all::add);
        try {
            Files.createDirectories(reportsDir);
            JSON.writerWithDefaultPrettyPrinter().writeValue(reportsDir.resolve(SUMMARY_FILE).toFile(), all);
            Path index = reportsDir.resolve("index.html");
            Files.writeString(index, html(runs, Files.exists(reportsDir.resolve("conformance").resolve("index.html"))), StandardCharsets.UTF_8);
            return index;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the reports index in " + reportsDir, e);
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

    private static String html(List<JsonNode> runs, boolean conformanceReport) {
        StringBuilder h = new StringBuilder();
        h.append("""
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>Replication kit reports</title>
                <style>
                body{font-family:system-ui,sans-serif;margin:2em;color:#222}
                table{border-collapse:collapse;font-size:14px}
                th,td{border:1px solid #ccc;padding:4px 8px;text-align:right;vertical-align:top}
                th{background:#f3f3f3} td.l{text-align:left}
                .pass{color:#1a7f37;font-weight:bold}.fail{color:#cf222e;font-weight:bold}
                small{color:#666}
                </style></head><body>
                <h1>Replication kit reports</h1>
                """);
        if (conformanceReport) {
            h.append("<p><a href=\"conformance/index.html\">Conformance report</a></p>\n");
        }
        h.append("<h2>Load runs</h2>\n");
        if (runs.isEmpty()) {
            h.append("<p>No load run yet: <code>./kit load --profile steady</code></p>\n");
        } else {
            h.append("<p><small>Response times in ms over every measured delivery; lag is commit to acknowledgement "
                    + "(pipeline). Machine-readable: <a href=\"load-summary.json\">load-summary.json</a>.</small></p>\n");
            h.append("<table><tr><th>profile</th><th>started (UTC)</th><th>verdict</th><th>requests</th><th>failed</th>"
                    + "<th>req/s</th><th>p50</th><th>p95</th><th>p99</th><th>max</th><th>pipeline</th>"
                    + "<th>target and parameters</th><th>report</th></tr>\n");
            for (JsonNode r : runs) {
                JsonNode t = r.path("responseTimeMs");
                JsonNode q = r.path("requests");
                boolean passed = "passed".equals(r.path("verdict").asText());
                h.append("<tr><td class=l>").append(esc(r.path("profile").asText())).append("</td>")
                        .append("<td class=l>").append(esc(r.path("startedAt").asText().replace('T', ' ').replaceAll("\\.\\d+Z$", "Z"))).append("</td>")
                        .append("<td class=l><span class=").append(passed ? "pass>passed" : "fail>failed").append("</span>")
                        .append(failedAssertions(r)).append("</td>")
                        .append(num(q.path("total"))).append(num(q.path("failed"))).append(num(q.path("perSecond")))
                        .append(num(t.path("p50"))).append(num(t.path("p95"))).append(num(t.path("p99"))).append(num(t.path("max")))
                        .append("<td class=l>").append(pipeline(r.path("pipeline"))).append("</td>")
                        .append("<td class=l>").append(esc(r.path("target").asText(""))).append("<br><small>")
                        .append(esc(parameters(r.path("parameters")))).append("</small></td>")
                        .append("<td class=l><a href=\"").append(esc(r.path("report").asText())).append("\">Gatling report</a></td></tr>\n");
            }
            h.append("</table>\n");
        }
        h.append("</body></html>\n");
        return h.toString();
    }

    private static String failedAssertions(JsonNode run) {
        StringBuilder s = new StringBuilder();
        for (JsonNode a : run.path("assertions")) {
            if (!"passed".equals(a.path("outcome").asText())) {
                s.append("<br><small>").append(esc(a.path("assertion").asText())).append(" (actual ")
                        .append(esc(a.path("actual").asText())).append(")</small>");
            }
        }
        return s.toString();
    }

    private static String pipeline(JsonNode p) {
        if (p.isMissingNode()) {
            return "";
        }
        JsonNode lag = p.path("lagMs");
        return esc(String.format("%s deliveries/s; lag p50 %s, p95 %s, p99 %s ms",
                p.path("deliveriesPerSecond").asText(), lag.path("p50").asText(), lag.path("p95").asText(), lag.path("p99").asText()));
    }

    private static String parameters(JsonNode params) {
        List<String> parts = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = params.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            parts.add(e.getKey() + "=" + e.getValue().asText());
        }
        return String.join(", ", parts);
    }

    private static String num(JsonNode n) {
        if (n.isMissingNode() || n.isNull()) {
            return "<td></td>";
        }
        String text = n.isFloatingPointNumber() ? String.format("%.1f", n.asDouble()) : n.asText();
        return "<td>" + esc(text) + "</td>";
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
