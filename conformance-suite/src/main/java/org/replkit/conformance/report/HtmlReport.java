package org.replkit.conformance.report;

import static org.replkit.conformance.report.Html.escape;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.replkit.conformance.model.CheckOutcome;
import org.replkit.conformance.model.ConformanceResult;
import org.replkit.conformance.model.EndpointKind;
import org.replkit.conformance.model.Exchange;
import org.replkit.conformance.model.RequirementVerdict;
import org.replkit.conformance.model.Verdict;
import org.replkit.spec.Level;
import org.replkit.spec.Requirement;
import org.replkit.spec.RequirementCatalogue;

/**
 * index.html: one self-contained page (inline style, no scripts, no external files) that a person
 * reads in a browser: the verdict, a row per requirement with a cell per endpoint, every failure
 * with the request and the answer that show it, the reasons for skips, and optionally the kit's
 * self-test matrix.
 */
public final class HtmlReport {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
    private static final List<EndpointKind> COLUMNS = List.of(EndpointKind.PATTERNS, EndpointKind.METRICS, EndpointKind.STATUS);

    private HtmlReport() {}

    public static String render(ConformanceResult r, SelfTestMatrix matrix) {
        StringBuilder h = new StringBuilder(64 * 1024);
        Badge badge = Badge.of(r);
        String verdict = r.verdictLabel().toUpperCase(java.util.Locale.ROOT);
        h.append("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Replication conformance: ").append(verdict).append(" (").append(r.profile().label()).append(")</title>\n")
                .append("<style>").append(STYLE).append("</style>\n</head>\n<body>\n");
        header(h, r, badge, verdict);
        tiles(h, r);
        requirements(h, r);
        failures(h, r);
        skips(h, r);
        if (matrix != null) {
            matrix(h, matrix);
        }
        h.append("<footer>The sender's own rules (SND-*) are checked by the sender database's tests, not by <code>kit verify</code>. ")
                .append("Requirement texts: <code>spec/requirements.yaml</code>. Repeat this run's generated examples with ")
                .append("<code>KIT_VERIFY_SEED=").append(r.seed()).append("</code>.</footer>\n");
        h.append("</body>\n</html>\n");
        return h.toString();
    }

    private static void header(StringBuilder h, ConformanceResult r, Badge badge, String verdict) {
        h.append("<header>\n<div class=\"title\"><h1>Replication conformance report</h1>")
                .append("<div class=\"badge\">").append(badge.svg()).append("</div></div>\n");
        String summary = !r.passes()
                ? "requirements the " + r.profile().label() + " profile counts failed: " + String.join(", ", countedFailures(r))
                : r.checkedAnything()
                ? "every requirement the " + r.profile().label() + " profile counts passed on the endpoints checked"
                : "no requirement the " + r.profile().label() + " profile counts could be checked: see why each was skipped below";
        h.append("<p class=\"verdict ").append(!r.passes() ? "fail" : r.checkedAnything() ? "pass" : "skipped")
                .append("\">").append(verdict)
                .append(" <span>").append(summary)
                .append("</span></p>\n");
        h.append("<table class=\"meta\">\n");
        row(h, "Profile", r.profile().label() + (r.profile().name().equals("CORE") ? " (every MUST)" : " (every MUST and SHOULD)"));
        row(h, "Started", WHEN.format(r.startedAt()));
        row(h, "Duration", String.format("%.1f s", r.millis() / 1000.0));
        r.targets().forEach((k, v) -> row(h, k, v));
        h.append("</table>\n</header>\n");
    }

    private static List<String> countedFailures(ConformanceResult r) {
        return r.byRequirement().entrySet().stream()
                .filter(e -> e.getValue() == Verdict.FAIL && r.counts(e.getKey()))
                .map(e -> e.getKey().id()).toList();
    }

    private static void row(StringBuilder h, String k, String v) {
        h.append("<tr><th>").append(escape(k)).append("</th><td>").append(escape(v)).append("</td></tr>\n");
    }

    private static void tiles(StringBuilder h, ConformanceResult r) {
        h.append("<section class=\"tiles\">\n");
        for (Level level : Level.values()) {
            ConformanceResult.Tally t = r.tally(level);
            h.append("<div class=\"tile\"><div class=\"level\">").append(level).append(r.profile().counts(level) ? "" : " <small>(not counted)</small>")
                    .append("</div><div><b class=\"pass\">").append(t.passed()).append("</b> passed · <b class=\"fail\">")
                    .append(t.failed()).append("</b> failed · <b class=\"skipped\">").append(t.skipped()).append("</b> skipped</div></div>\n");
        }
        h.append("</section>\n");
    }

    private static void requirements(StringBuilder h, ConformanceResult r) {
        Map<Requirement, Map<String, RequirementVerdict>> grid = new LinkedHashMap<>();
        for (RequirementVerdict v : r.verdicts()) {
            grid.computeIfAbsent(v.requirement(), k -> new LinkedHashMap<>()).put(v.endpoint(), v);
        }
        h.append("<section>\n<h2>Requirements</h2>\n<table class=\"reqs\">\n<thead><tr><th>Requirement</th><th>Level</th>");
        for (EndpointKind k : COLUMNS) {
            h.append("<th>").append(k.key()).append("</th>");
        }
        h.append("</tr></thead>\n<tbody>\n");
        for (Map.Entry<Requirement, Map<String, RequirementVerdict>> e : grid.entrySet()) {
            Requirement req = e.getKey();
            h.append("<tr><td><b>").append(req.id()).append("</b> ").append(escape(req.title())).append("</td><td class=\"lvl\">")
                    .append(req.level()).append("</td>");
            for (EndpointKind k : COLUMNS) {
                RequirementVerdict v = e.getValue().get(k.key());
                if (v == null) {
                    h.append("<td class=\"na\">—</td>");
                } else {
                    String title = v.reason() == null ? v.millis() + " ms" : v.reason();
                    String cell = v.verdict() == Verdict.FAIL ? "<a href=\"#" + anchor(v) + "\">fail</a>" : v.verdict().label();
                    h.append("<td><span class=\"pill ").append(v.verdict().label()).append("\" title=\"")
                            .append(escape(firstLine(title))).append("\">").append(cell).append("</span></td>");
                }
            }
            h.append("</tr>\n");
        }
        h.append("</tbody>\n</table>\n</section>\n");
    }

    private static void failures(StringBuilder h, ConformanceResult r) {
        List<RequirementVerdict> failed = r.verdicts().stream().filter(v -> v.verdict() == Verdict.FAIL).toList();
        if (failed.isEmpty()) {
            return;
        }
        h.append("<section>\n<h2>Failures</h2>\n");
        for (RequirementVerdict v : failed) {
            h.append("<article class=\"failure\" id=\"").append(anchor(v)).append("\">\n<h3><span class=\"pill fail\">fail</span> ")
                    .append(v.id()).append(" <small>").append(v.requirement().level()).append(" · ").append(v.endpoint())
                    .append(r.counts(v.requirement()) ? "" : " · not counted in " + r.profile().label()).append("</small></h3>\n")
                    .append("<p class=\"req\">").append(escape(v.requirement().title())).append("</p>\n");
            for (CheckOutcome c : v.checks()) {
                if (c.verdict() != Verdict.FAIL) {
                    continue;
                }
                h.append("<p class=\"check\">Check: ").append(escape(c.title())).append(" <code>").append(escape(c.check()))
                        .append("</code></p>\n<pre class=\"message\">").append(escape(c.message())).append("</pre>\n");
                for (Exchange e : c.evidence()) {
                    exchange(h, e);
                }
            }
            h.append("</article>\n");
        }
        h.append("</section>\n");
    }

    private static void exchange(StringBuilder h, Exchange e) {
        h.append("<div class=\"exchange\"><div class=\"half\"><div class=\"cap\">Request</div><pre>")
                .append(escape(e.method() + " " + e.url())).append('\n');
        e.requestHeaders().forEach((k, v) -> h.append(escape(k + ": " + v)).append('\n'));
        if (e.requestBody() != null && !e.requestBody().isEmpty()) {
            h.append('\n').append(escape(e.requestBody()));
        }
        h.append("</pre></div><div class=\"half\"><div class=\"cap\">Answer (").append(e.millis()).append(" ms)</div><pre>");
        if (e.status() == null) {
            h.append("no answer: ").append(escape(e.error()));
        } else {
            h.append("HTTP ").append(e.status()).append('\n');
            e.responseHeaders().forEach((k, v) -> h.append(escape(k + ": " + v)).append('\n'));
            if (e.responseBody() != null && !e.responseBody().isEmpty()) {
                h.append('\n').append(escape(e.responseBody()));
            }
        }
        h.append("</pre></div></div>\n");
    }

    private static void skips(StringBuilder h, ConformanceResult r) {
        Map<String, List<String>> byReason = new LinkedHashMap<>();
        for (RequirementVerdict v : r.verdicts()) {
            if (v.verdict() == Verdict.SKIPPED) {
                byReason.computeIfAbsent(String.valueOf(v.reason()), k -> new java.util.ArrayList<>()).add(v.id() + " [" + v.endpoint() + "]");
            }
        }
        if (byReason.isEmpty()) {
            return;
        }
        h.append("<section>\n<h2>Skipped</h2>\n<ul class=\"skips\">\n");
        byReason.forEach((reason, ids) -> h.append("<li><b>").append(escape(reason)).append("</b>: ")
                .append(escape(String.join(", ", ids))).append("</li>\n"));
        h.append("</ul>\n</section>\n");
    }

    private static void matrix(StringBuilder h, SelfTestMatrix m) {
        List<Requirement> reqs = RequirementCatalogue.get().all().stream()
                .filter(q -> q.endpoints().stream().anyMatch(e -> EndpointKind.byKey(e).isPresent())).toList();
        long ok = m.rows().stream().filter(SelfTestMatrix.Row::asExpected).count();
        h.append("<section id=\"self-test\">\n<h2>Self-test: can every check fail?</h2>\n<p>The suite against receivers that each break one rule ")
                .append("on purpose (strict profile). A row is right when the broken rule fails and the run exits 1; the ")
                .append("receivers that keep the contract must pass everything. <b>").append(ok).append(" of ").append(m.rows().size())
                .append("</b> rows are right.</p>\n<div class=\"scroll\"><table class=\"matrix\">\n<thead><tr><th>Receiver</th><th>must fail</th><th>exit</th>");
        for (Requirement q : reqs) {
            h.append("<th class=\"rot\"><div>").append(q.id()).append("</div></th>");
        }
        h.append("<th>right?</th></tr></thead>\n<tbody>\n");
        for (SelfTestMatrix.Row row : m.rows()) {
            h.append("<tr><td title=\"").append(escape(row.description())).append("\"><b>").append(escape(row.receiver()))
                    .append("</b><br><small>").append(escape(row.description())).append("</small></td><td>")
                    .append(row.mustFail().isEmpty() ? "nothing" : escape(String.join(", ", row.mustFail())))
                    .append("</td><td>").append(row.result().exitCode()).append("</td>");
            for (Requirement q : reqs) {
                Verdict v = row.result().verdictOf(q.id());
                boolean expected = row.mustFail().contains(q.id());
                h.append("<td class=\"cell ").append(v.label()).append(expected ? " expected" : "").append("\" title=\"")
                        .append(q.id()).append(": ").append(v.label()).append("\">")
                        .append(switch (v) { case PASS -> "✓"; case FAIL -> "✗"; case SKIPPED -> "·"; })
                        .append("</td>");
            }
            h.append("<td class=\"").append(row.asExpected() ? "pass" : "fail").append("\">")
                    .append(row.asExpected() ? "yes" : "NO").append("</td></tr>\n");
        }
        h.append("</tbody>\n</table></div>\n<p class=\"legend\">✓ pass · ✗ fail · · skipped; an outlined cell is the rule the receiver breaks.</p>\n</section>\n");
    }

    private static String anchor(RequirementVerdict v) {
        return "fail-" + v.id() + "-" + v.endpoint();
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static final String STYLE = """
            :root{--pass:#2e7d32;--fail:#c62828;--skip:#757575;--line:#e0e0e0;--bg:#fafafa}
            *{box-sizing:border-box}body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:#212121;margin:0;padding:24px 32px;background:#fff}
            h1{font-size:22px;margin:0}h2{font-size:18px;margin:28px 0 10px;border-bottom:1px solid var(--line);padding-bottom:4px}h3{font-size:15px;margin:0 0 6px}
            .title{display:flex;align-items:center;gap:16px;flex-wrap:wrap}
            .verdict{font-size:20px;font-weight:700;margin:12px 0}.verdict span{font-size:14px;font-weight:400;color:#424242;margin-left:8px}
            .verdict.pass{color:var(--pass)}.verdict.fail{color:var(--fail)}.verdict.skipped{color:var(--skip)}
            table{border-collapse:collapse}.meta th{text-align:left;color:#616161;font-weight:500;padding:1px 16px 1px 0}.meta td{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:13px}
            .tiles{display:flex;gap:16px;margin-top:16px;flex-wrap:wrap}.tile{border:1px solid var(--line);border-radius:6px;padding:10px 16px;background:var(--bg)}.tile .level{font-weight:700}
            b.pass{color:var(--pass)}b.fail{color:var(--fail)}b.skipped{color:var(--skip)}
            .reqs{width:100%}.reqs th,.reqs td{border-bottom:1px solid var(--line);padding:6px 8px;text-align:left;vertical-align:top}.reqs th{background:var(--bg);position:sticky;top:0}
            .reqs td.lvl{font-size:12px;color:#616161}.na{color:#bdbdbd;text-align:center}
            .pill{display:inline-block;min-width:52px;text-align:center;border-radius:10px;padding:1px 8px;font-size:12px;font-weight:600;color:#fff}
            .pill.pass{background:var(--pass)}.pill.fail{background:var(--fail)}.pill.skipped{background:#bdbdbd}.pill a{color:#fff}
            .failure{border:1px solid #ef9a9a;border-left:4px solid var(--fail);border-radius:6px;padding:12px 16px;margin:12px 0;background:#fff}
            .failure .req{color:#424242;margin:0 0 8px}.check{margin:8px 0 4px}
            pre{white-space:pre-wrap;word-break:break-word;font:12px/1.4 ui-monospace,Menlo,Consolas,monospace;margin:0}
            pre.message{background:#fff3f3;padding:8px;border-radius:4px}
            .exchange{display:flex;gap:8px;margin:8px 0}.half{flex:1;min-width:0;background:var(--bg);border:1px solid var(--line);border-radius:4px;padding:6px 8px;max-height:320px;overflow:auto}
            .cap{font-size:11px;text-transform:uppercase;letter-spacing:.04em;color:#757575;margin-bottom:4px}
            .skips li{margin:4px 0}
            .scroll{overflow-x:auto}.matrix td,.matrix th{border:1px solid var(--line);padding:3px 5px;font-size:12px}
            .matrix th.rot{height:110px;white-space:nowrap;vertical-align:bottom;padding:2px}.matrix th.rot div{transform:rotate(-60deg);width:18px;transform-origin:left bottom;margin-left:12px}
            .matrix td.cell{text-align:center;width:22px}.cell.pass{color:var(--pass)}.cell.fail{color:#fff;background:var(--fail)}.cell.skipped{color:#bdbdbd}
            .cell.expected{outline:2px solid #000;outline-offset:-2px}td.pass{color:var(--pass);font-weight:700}td.fail{color:var(--fail);font-weight:700}
            .matrix td:nth-child(2){font-size:11px;min-width:110px}.legend{font-size:12px;color:#616161}
            footer{margin-top:32px;color:#757575;font-size:12px;border-top:1px solid var(--line);padding-top:8px}
            """;
}
