package org.replkit.conformance.fuzz;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.replkit.conformance.model.Exchange;
import org.replkit.conformance.report.Curl;
import org.replkit.conformance.report.Html;
import org.replkit.conformance.report.JsonReport;
import org.replkit.conformance.report.Pages;
import org.replkit.conformance.report.Replay;
import org.replkit.spec.Outcome;
import org.replkit.spec.ReportStyle;

/**
 * A campaign's reports, in one directory beside the conformance report: fuzz.json for programs,
 * index.html for people, and the request bodies the curl lines read (bodies/). Every exchange was
 * redacted when it was made, so no token appears; curl lines read it from {@code $KIT_TOKEN}.
 */
public final class FuzzReport {

    public static final String JSON = "fuzz.json";
    public static final String HTML = "index.html";

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Characters of a body the page shows; the rest is in the body file and fuzz.json. */
    static final int PAGE_CUT = 2_000;

    private FuzzReport() {}

    /** @return the files written */
    public static List<Path> write(Path dir, Campaign.Result r, String rerun) {
        try {
            Files.createDirectories(dir);
            Replay replay = Replay.fresh(dir);
            List<String> curls = r.groups().stream().map(g -> replay.curl(g.finding().exchange())).toList();
            Path json = dir.resolve(JSON);
            Files.writeString(json, json(r, rerun, curls, replay), StandardCharsets.UTF_8);
            Path html = dir.resolve(HTML);
            Files.writeString(html, html(r, rerun, curls, replay), StandardCharsets.UTF_8);
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

    static String json(Campaign.Result r, String rerun, List<String> curls, Replay replay) {
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
        root.set("answers", MAPPER.valueToTree(r.answers()));
        root.set("expected", MAPPER.valueToTree(r.expectations()));
        root.set("generators", MAPPER.valueToTree(r.generators()));
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
            exchange(n, f.exchange(), bodyFile(f.exchange(), replay));
            n.put("curl", curls.get(i));
        }
        return JsonReport.text(root);
    }

    /** The file holding the whole request body, when the curl line or the page does not carry all of it; else null. */
    private static String bodyFile(Exchange e, Replay replay) {
        return !Curl.inline(e) || e.requestText().length() > PAGE_CUT ? replay.bodyFile(e) : null;
    }

    private static void exchange(ObjectNode n, Exchange e, String bodyFile) {
        ObjectNode req = JsonReport.request(n, e);
        req.put("body_bytes", e.requestBody().length);
        req.put("body", e.requestText());
        if (bodyFile != null) {
            req.put("body_file", bodyFile);
        }
        JsonReport.response(n, e);
        n.put("duration_ms", e.millis());
    }

    static String html(Campaign.Result r, String rerun, List<String> curls, Replay replay) {
        return Pages.render("fuzz.jte", page(r, rerun, curls, replay));
    }

    static FuzzPage page(Campaign.Result r, String rerun, List<String> curls, Replay replay) {
        String verdict = r.findings() == 0 ? "No findings" : r.findings() + " finding" + (r.findings() == 1 ? "" : "s")
                + " in " + r.groups().size() + " group" + (r.groups().size() == 1 ? "" : "s");
        List<FuzzPage.Cell> meta = new ArrayList<>();
        meta.add(new FuzzPage.Cell("rerun", rerun));
        meta.add(new FuzzPage.Cell("seed", String.valueOf(r.settings().seed())));
        r.targets().forEach((k, u) -> meta.add(new FuzzPage.Cell(k.key(), u.toString())));
        meta.add(new FuzzPage.Cell("requests", String.format(Locale.ROOT, "%,d of %,d (%s)", r.sent(), r.settings().requests(),
                r.stopped())));
        meta.add(new FuzzPage.Cell("time", String.format(Locale.ROOT, "%.1f s, %.0f requests/s, %d at once; minimising %.1f s",
                r.seconds(), r.requestsPerSecond(), r.settings().concurrency(), r.minimiseSeconds())));
        List<FuzzPage.KindRow> kinds = Arrays.stream(FindingKind.values())
                .map(k -> new FuzzPage.KindRow(k.label(), k.title(), r.findingsByKind().getOrDefault(k, 0L))).toList();
        List<FuzzPage.Cell> answers = r.answers().entrySet().stream()
                .map(a -> new FuzzPage.Cell(a.getKey(), String.valueOf(a.getValue()))).toList();
        List<FuzzPage.FindingView> findings = IntStream.range(0, r.groups().size())
                .mapToObj(i -> finding(r.groups().get(i), curls.get(i), replay)).toList();
        return new FuzzPage(ReportStyle.css(), (r.findings() == 0 ? Outcome.PASSED : Outcome.FAILED).label(), verdict, meta,
                kinds, answers, joined(r.expectations()), joined(r.generators()), findings);
    }

    private static FuzzPage.FindingView finding(Campaign.FindingGroup g, String curl, Replay replay) {
        Finding f = g.finding();
        Exchange e = f.exchange();
        String heading = f.kind().label() + " · " + f.requirementId() + " (" + f.level() + ") · " + f.fuzzCase().kind().key()
                + " · " + g.occurrences() + " request" + (g.occurrences() == 1 ? "" : "s");
        String note = f.fuzzCase().describe() + " — first seen as request #" + g.firstRequest()
                + (g.minimised() ? ", minimised" : g.repeated() ? ", not minimised" : ", did not repeat when sent again")
                + ". The contract: " + expectation(f.expected());
        StringBuilder head = new StringBuilder(e.method() + " " + e.url());
        e.requestHeaders().forEach((k, v) -> head.append('\n').append(k).append(": ").append(v));
        String body = e.requestText();
        int bodyMore = Math.max(0, body.length() - PAGE_CUT);
        String answer;
        int answerMore = 0;
        if (e.status() != null) {
            StringBuilder a = new StringBuilder(String.valueOf(e.status()));
            e.responseHeaders().forEach((k, v) -> a.append('\n').append(k).append(": ").append(v));
            String text = e.responseText();
            answerMore = Math.max(0, text.length() - PAGE_CUT);
            answer = a.append("\n\n").append(text, 0, text.length() - answerMore).toString();
        } else {
            answer = "no answer: " + e.error();
        }
        return new FuzzPage.FindingView(Html.visible(heading), Html.visible(f.message()), Html.visible(note), Html.visible(head.toString()),
                Html.visible(body.substring(0, body.length() - bodyMore)), bodyMore,
                bodyFile(e, replay), "answer (" + e.millis() + " ms)",
                Html.visible(answer), answerMore, Html.visible(curl));
    }

    private static String joined(Map<String, Long> counts) {
        return counts.entrySet().stream().map(c -> c.getKey() + " " + c.getValue()).collect(Collectors.joining(", "));
    }

    /** What the contract says of the request, for people. */
    static String expectation(org.replkit.conformance.records.ValueClass c) {
        return switch (c.kind()) {
            case SENDABLE -> "a delivery the sender can make, which must be acknowledged (" + c.requirementId() + ")";
            case ALLOWED -> "a request the receiver may accept or refuse, never with a 5xx: " + c.reason();
            case INVALID -> "a client mistake, which must be refused (" + c.requirementId() + "): " + c.reason();
        };
    }
}
