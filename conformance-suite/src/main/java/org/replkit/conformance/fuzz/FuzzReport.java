package org.replkit.conformance.fuzz;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.replkit.conformance.model.Exchange;
import org.replkit.conformance.report.Html;
import org.replkit.conformance.report.Replay;
import org.replkit.spec.Outcome;

/**
 * A campaign's reports, in one directory beside the conformance report: fuzz.json for programs,
 * index.html for people, and the request bodies the curl lines read (bodies/). Every exchange was
 * redacted when it was made, so no token appears; curl lines read it from {@code $KIT_TOKEN}.
 */
public final class FuzzReport {

    public static final String JSON = "fuzz.json";
    public static final String HTML = "index.html";

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private FuzzReport() {}

    /** @return the files written */
    public static List<Path> write(Path dir, Campaign.Result r, String rerun) {
        try {
            Files.createDirectories(dir);
            Path bodies = dir.resolve(Replay.BODIES);
            if (Files.isDirectory(bodies)) {
                try (var old = Files.list(bodies)) {
                    for (Path f : old.toList()) {
                        Files.deleteIfExists(f);
                    }
                }
            }
            Replay replay = new Replay(dir);
            List<String> curls = new ArrayList<>();
            r.groups().forEach(g -> curls.add(replay.curl(g.finding().exchange())));
            Path json = dir.resolve(JSON);
            Files.writeString(json, json(r, rerun, curls), StandardCharsets.UTF_8);
            Path html = dir.resolve(HTML);
            Files.writeString(html, html(r, rerun, curls), StandardCharsets.UTF_8);
            replay.writeBodies();
            return List.of(json, html);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the fuzz reports to " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The curl line of a finding, as the reports in {@code dir} give it (large bodies are read from dir/bodies). */
    public static String curlOf(Path dir, Campaign.FindingGroup g) {
        return new Replay(dir).curl(g.finding().exchange());
    }

    static String json(Campaign.Result r, String rerun, List<String> curls) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("kit", "replication conformance kit");
        root.put("verdict", (r.findings() == 0 ? Outcome.PASSED : Outcome.FAILED).label());
        root.put("exit_code", r.exitCode());
        root.put("seed", r.settings().seed());
        root.put("rerun", rerun);
        root.put("requests_planned", r.settings().requests());
        root.put("requests_sent", r.sent());
        root.put("stopped", r.stopped());
        root.put("seconds", Math.round(r.seconds() * 10) / 10.0);
        root.put("requests_per_second", Math.round(r.requestsPerSecond()));
        root.put("minimising_seconds", Math.round(r.minimiseSeconds() * 10) / 10.0);
        root.put("concurrency", r.settings().concurrency());
        ObjectNode targets = root.putObject("targets");
        r.targets().forEach((k, u) -> targets.put(k.key(), u.toString()));
        ObjectNode kinds = root.putObject("findings_by_kind");
        for (FindingKind k : FindingKind.values()) {
            kinds.put(k.name().toLowerCase(Locale.ROOT), r.findingsByKind().getOrDefault(k, 0L));
        }
        root.put("findings_total", r.findings());
        counts(root.putObject("answers"), r.answers());
        counts(root.putObject("expected"), r.expectations());
        counts(root.putObject("generators"), r.generators());
        var findings = root.putArray("findings");
        for (int i = 0; i < r.groups().size(); i++) {
            Campaign.FindingGroup g = r.groups().get(i);
            Finding f = g.finding();
            ObjectNode n = findings.addObject();
            n.put("kind", f.kind().name().toLowerCase(Locale.ROOT));
            n.put("title", f.kind().title());
            n.put("requirement", f.requirementId());
            n.put("level", f.level().name());
            n.put("endpoint", f.fuzzCase().kind().key());
            n.put("occurrences", g.occurrences());
            n.put("first_request", g.firstRequest());
            n.put("minimised", g.minimised());
            n.put("repeated", g.repeated());
            n.put("generator", f.fuzzCase().generator());
            n.put("what", f.fuzzCase().describe());
            n.put("expected", expectation(f.expected()));
            n.put("message", f.message());
            exchange(n, f.exchange());
            n.put("curl", curls.get(i));
        }
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void counts(ObjectNode out, Map<String, Long> counts) {
        counts.forEach(out::put);
    }

    private static void exchange(ObjectNode n, Exchange e) {
        ObjectNode req = n.putObject("request");
        req.put("method", e.method());
        req.put("url", e.url());
        ObjectNode rh = req.putObject("headers");
        e.requestHeaders().forEach(rh::put);
        req.put("body_bytes", e.requestBody().length);
        req.put("body", e.requestText());
        if (e.status() != null) {
            ObjectNode res = n.putObject("response");
            res.put("status", e.status());
            ObjectNode h = res.putObject("headers");
            e.responseHeaders().forEach(h::put);
            res.put("body", e.responseText());
        } else {
            n.putNull("response");
            n.put("error", e.error());
        }
        n.put("duration_ms", e.millis());
    }

    static String html(Campaign.Result r, String rerun, List<String> curls) {
        StringBuilder b = new StringBuilder(16_384);
        String verdict = r.findings() == 0 ? "No findings" : r.findings() + " finding" + (r.findings() == 1 ? "" : "s")
                + " in " + r.groups().size() + " group" + (r.groups().size() == 1 ? "" : "s");
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>kit fuzz: ")
                .append(esc(verdict)).append("</title>\n<style>").append(STYLE).append("</style>\n</head>\n<body>\n");
        b.append("<h1>kit fuzz</h1>\n<p class=\"verdict ").append(r.findings() == 0 ? "ok" : "bad").append("\">")
                .append(esc(verdict)).append("</p>\n");
        b.append("<table class=\"meta\">\n");
        row(b, "rerun", rerun);
        row(b, "seed", String.valueOf(r.settings().seed()));
        r.targets().forEach((k, u) -> row(b, k.key(), u.toString()));
        row(b, "requests", String.format(Locale.ROOT, "%,d of %,d (%s)", r.sent(), r.settings().requests(), r.stopped()));
        row(b, "time", String.format(Locale.ROOT, "%.1f s, %.0f requests/s, %d at once; minimising %.1f s", r.seconds(),
                r.requestsPerSecond(), r.settings().concurrency(), r.minimiseSeconds()));
        b.append("</table>\n<h2>Findings by kind</h2>\n<table class=\"grid\">\n<tr><th>kind</th><th>what</th><th>requests</th></tr>\n");
        for (FindingKind k : FindingKind.values()) {
            long n = r.findingsByKind().getOrDefault(k, 0L);
            b.append("<tr").append(n > 0 ? " class=\"hit\"" : "").append("><td>").append(esc(k.label())).append("</td><td>")
                    .append(esc(k.title())).append("</td><td class=\"num\">").append(n).append("</td></tr>\n");
        }
        b.append("</table>\n<h2>Answers</h2>\n<table class=\"grid\">\n<tr><th>status</th><th>requests</th></tr>\n");
        r.answers().forEach((k, v) -> b.append("<tr><td>").append(esc(k)).append("</td><td class=\"num\">").append(v).append("</td></tr>\n"));
        b.append("</table>\n<p class=\"note\">Requests by what the contract says of them: ");
        List<String> expected = new ArrayList<>();
        r.expectations().forEach((k, v) -> expected.add(k + " " + v));
        b.append(esc(String.join(", ", expected))).append(". By family: ");
        List<String> families = new ArrayList<>();
        r.generators().forEach((k, v) -> families.add(k + " " + v));
        b.append(esc(String.join(", ", families))).append(".</p>\n");
        if (!r.groups().isEmpty()) {
            b.append("<h2>Findings</h2>\n");
        }
        for (int i = 0; i < r.groups().size(); i++) {
            Campaign.FindingGroup g = r.groups().get(i);
            Finding f = g.finding();
            Exchange e = f.exchange();
            b.append("<section class=\"finding\">\n<h3>").append(esc(f.kind().label())).append(" · ")
                    .append(esc(f.requirementId())).append(" (").append(f.level()).append(") · ")
                    .append(esc(f.fuzzCase().kind().key())).append(" · ").append(g.occurrences()).append(" request")
                    .append(g.occurrences() == 1 ? "" : "s").append("</h3>\n");
            b.append("<p>").append(esc(f.message())).append("</p>\n");
            b.append("<p class=\"note\">").append(esc(f.fuzzCase().describe())).append(" — first seen as request #")
                    .append(g.firstRequest()).append(g.minimised() ? ", minimised" : g.repeated() ? ", not minimised"
                            : ", did not repeat when sent again").append(". The contract: ").append(esc(expectation(f.expected())))
                    .append("</p>\n");
            b.append("<div class=\"cap\">request</div><pre>").append(esc(e.method() + " " + e.url() + "\n"));
            e.requestHeaders().forEach((k, v) -> b.append(esc(k + ": " + v + "\n")));
            b.append("\n").append(esc(e.requestText())).append("</pre>\n<div class=\"cap\">answer (")
                    .append(e.millis()).append(" ms)</div><pre>");
            if (e.status() != null) {
                b.append(esc(e.status() + "\n"));
                e.responseHeaders().forEach((k, v) -> b.append(esc(k + ": " + v + "\n")));
                b.append("\n").append(esc(e.responseText()));
            } else {
                b.append(esc("no answer: " + e.error()));
            }
            b.append("</pre>\n<div class=\"cap\">reproduce with (from this folder)</div><pre>").append(esc(curls.get(i)))
                    .append("</pre>\n</section>\n");
        }
        b.append("</body>\n</html>\n");
        return b.toString();
    }

    /** What the contract says of the request, for people. */
    static String expectation(org.replkit.conformance.records.ValueClass c) {
        return switch (c.kind()) {
            case SENDABLE -> "a delivery the sender can make, which must be acknowledged (" + c.requirementId() + ")";
            case ALLOWED -> "a request the receiver may accept or refuse, never with a 5xx: " + c.reason();
            case INVALID -> "a client mistake, which must be refused (" + c.requirementId() + "): " + c.reason();
        };
    }

    private static void row(StringBuilder b, String k, String v) {
        b.append("<tr><th>").append(esc(k)).append("</th><td>").append(esc(v)).append("</td></tr>\n");
    }

    private static String esc(String s) {
        return Html.escape(s);
    }

    private static final String STYLE = """
            *{box-sizing:border-box}body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:#212121;margin:0;padding:24px 32px}
            h1{font-size:22px;margin:0}h2{font-size:18px;margin:24px 0 8px;border-bottom:1px solid #e0e0e0;padding-bottom:4px}h3{font-size:15px;margin:0 0 6px}
            .verdict{font-size:20px;font-weight:700;margin:12px 0}.ok{color:#2e7d32}.bad{color:#c62828}
            table{border-collapse:collapse}.meta th{text-align:left;color:#616161;font-weight:500;padding:1px 16px 1px 0}
            .meta td{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:13px}
            .grid th,.grid td{border:1px solid #e0e0e0;padding:3px 10px;text-align:left}.grid .num{text-align:right}.hit td{background:#ffebee}
            .finding{border:1px solid #e0e0e0;border-left:4px solid #c62828;border-radius:4px;padding:10px 14px;margin:12px 0}
            pre{white-space:pre-wrap;word-break:break-word;font:12px/1.4 ui-monospace,Menlo,Consolas,monospace;margin:0 0 8px;background:#fafafa;padding:6px}
            .cap{font-size:11px;text-transform:uppercase;letter-spacing:.04em;color:#757575;margin:6px 0 2px}.note{color:#424242}
            """;
}
