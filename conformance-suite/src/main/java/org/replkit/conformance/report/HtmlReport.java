package org.replkit.conformance.report;

import static org.replkit.conformance.report.Html.escape;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import org.replkit.conformance.model.CheckOutcome;
import org.replkit.conformance.model.ConformanceResult;
import org.replkit.conformance.model.EndpointKind;
import org.replkit.conformance.model.Exchange;
import org.replkit.conformance.model.RequirementVerdict;
import org.replkit.spec.Level;
import org.replkit.spec.Outcome;
import org.replkit.spec.Requirement;
import org.replkit.spec.RequirementCatalogue;

/**
 * index.html: one self-contained page (inline style, no scripts, no external files) that a person
 * reads in a browser: the verdict, then what needs attention first (MUST failures, SHOULD failures,
 * what could not be judged), every failure with the requests and answers that show it and a curl line
 * to repeat each, then a row per requirement with a cell per endpoint, and optionally the kit's
 * self-test matrix.
 */
public final class HtmlReport {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
    private static final List<EndpointKind> COLUMNS = List.of(EndpointKind.PATTERNS, EndpointKind.METRICS, EndpointKind.STATUS);

    private HtmlReport() {}

    public static String render(ConformanceResult r, SelfTestMatrix matrix, Replay replay) {
        StringBuilder h = new StringBuilder(64 * 1024);
        Badge badge = Badge.of(r);
        String verdict = r.verdictLabel().toUpperCase(Locale.ROOT);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Replication conformance: ").append(escape(verdict)).append(" (").append(r.profile().label()).append(")</title>\n")
                .append("<style>").append(STYLE).append("</style>\n</head>\n<body>\n");
        header(h, r, badge, verdict);
        tiles(h, r);
        List<RequirementVerdict> failed = r.verdicts().stream().filter(v -> v.outcome() == Outcome.FAILED).toList();
        failures(h, r, "MUST failures", failed.stream().filter(v -> v.requirement().level() == Level.MUST && !r.baselined(v)).toList(), replay);
        failures(h, r, "SHOULD failures", failed.stream().filter(v -> v.requirement().level() == Level.SHOULD && !r.baselined(v)).toList(), replay);
        failures(h, r, "Known failures (baseline)", failed.stream().filter(r::baselined).toList(), replay);
        notJudged(h, r);
        requirements(h, r);
        if (matrix != null) {
            matrix(h, matrix);
        }
        h.append("<footer><p>Outcomes are W3C EARL's: passed, failed, cantTell (the kit could not observe what the rule needs; ")
                .append("never the receiver's fault), inapplicable (the endpoint or credential was not given). ")
                .append("The sender's own rules (SND-*) are checked by the sender database's tests, not by <code>kit verify</code>. ")
                .append("Requirement texts and the level line: <code>spec/requirements.yaml</code> (catalogue version ")
                .append(RequirementCatalogue.get().version()).append("). Repeat this run's generated examples: <code>")
                .append(escape(Rerun.command(r, List.of()))).append("</code>. Curl lines read token variables ")
                .append("(<code>KIT_TOKEN</code>, <code>KIT_ADMIN_TOKEN</code>) and bodies from <code>bodies/</code>: run them ")
                .append("from this folder.</p></footer>\n");
        h.append("</body>\n</html>\n");
        return h.toString();
    }

    private static void header(StringBuilder h, ConformanceResult r, Badge badge, String verdict) {
        h.append("<header>\n<div class=\"title\"><h1>Replication conformance report</h1>")
                .append("<div class=\"badge\">").append(badge.svg()).append("</div></div>\n");
        List<String> newFailures = r.newFailures().stream().map(RequirementVerdict::id).distinct().toList();
        String summary;
        if (r.exitCode() == 1 && newFailures.isEmpty()) {
            summary = "baselined failures now pass (--strict-baseline): remove " + names(r.fixed()) + " from the baseline";
        } else if (r.exitCode() == 1) {
            summary = "requirements the " + r.profile().label() + " profile counts failed: " + String.join(", ", newFailures);
        } else if (!r.judgedAnything()) {
            summary = "no requirement the " + r.profile().label() + " profile counts could be judged: see why below";
        } else {
            summary = "no requirement the " + r.profile().label() + " profile counts failed on the endpoints checked";
            int notJudged = r.tally(Level.MUST).notJudged() + (r.profile().counts(Level.SHOULD) ? r.tally(Level.SHOULD).notJudged() : 0);
            if (notJudged > 0) {
                summary += "; " + notJudged + " counted requirement" + (notJudged == 1 ? " was" : "s were") + " not judged";
            }
            if (!r.baselinedFailures().isEmpty()) {
                summary += "; " + r.baselinedFailures().size() + " known failure(s) listed in the baseline";
            }
        }
        String css = r.exitCode() == 1 ? "fail" : r.judgedAnything() ? "pass" : "cantTell";
        h.append("<p class=\"verdict ").append(css).append("\">").append(escape(verdict))
                .append(" <span>").append(escape(summary)).append("</span></p>\n");
        if (!r.fixed().isEmpty()) {
            h.append("<p class=\"fixed\">Fixed: ").append(escape(names(r.fixed())))
                    .append(" passed and can be removed from the baseline.</p>\n");
        }
        h.append("<table class=\"meta\">\n<tbody>\n");
        row(h, "Profile", r.profile().label() + (r.profile().name().equals("CORE") ? " (every MUST counts)" : " (every MUST and SHOULD counts)"));
        row(h, "Started", WHEN.format(r.startedAt()));
        row(h, "Duration", String.format(Locale.ROOT, "%.1f s", r.millis() / 1000.0));
        row(h, "Seed", String.valueOf(r.seed()));
        r.targets().forEach((k, v) -> row(h, k, v));
        h.append("</tbody>\n</table>\n</header>\n");
    }

    private static String names(List<RequirementVerdict> vs) {
        return String.join(", ", vs.stream().map(RequirementVerdict::name).toList());
    }

    private static void row(StringBuilder h, String k, String v) {
        h.append("<tr><th>").append(escape(k)).append("</th><td>").append(escape(v)).append("</td></tr>\n");
    }

    private static void tiles(StringBuilder h, ConformanceResult r) {
        h.append("<section class=\"tiles\">\n");
        for (Level level : Level.values()) {
            ConformanceResult.Tally t = r.tally(level);
            h.append("<div class=\"tile\"><div class=\"level\">").append(level)
                    .append(r.profile().counts(level) ? "" : " <small>(not counted by " + r.profile().label() + ")</small>")
                    .append("</div><div><b class=\"passed\">").append(t.passed()).append("</b> passed · <b class=\"failed\">")
                    .append(t.failed()).append("</b> failed · <b class=\"cantTell\">").append(t.cantTell())
                    .append("</b> cannot tell · <b class=\"inapplicable\">").append(t.inapplicable())
                    .append("</b> inapplicable</div></div>\n");
        }
        h.append("</section>\n");
    }

    private static void failures(StringBuilder h, ConformanceResult r, String heading, List<RequirementVerdict> failed,
                                 Replay replay) {
        if (failed.isEmpty()) {
            return;
        }
        h.append("<section>\n<h2>").append(escape(heading)).append(" <small>(").append(failed.size()).append(")</small></h2>\n");
        for (RequirementVerdict v : failed) {
            h.append("<article class=\"failure\" id=\"").append(anchor(v)).append("\">\n<h3><span class=\"pill failed\">failed</span> ")
                    .append(v.id()).append(" <small>").append(v.requirement().level()).append(" · ").append(v.endpoint())
                    .append(r.counts(v.requirement()) ? "" : " · not counted by " + r.profile().label())
                    .append(r.baselined(v) ? " · listed in the baseline" : "").append("</small></h3>\n")
                    .append("<p class=\"req\">").append(escape(v.requirement().title())).append("</p>\n");
            CheckOutcome c = v.deciding();
            h.append("<p class=\"check\">Check: ").append(escape(c.title())).append(" <code>").append(escape(c.check()))
                    .append("</code></p>\n<pre class=\"message\">").append(escape(c.message())).append("</pre>\n");
            if (c.expected() != null) {
                h.append("<table class=\"ea\"><tbody><tr><th>expected</th><td><code>").append(escape(c.expected()))
                        .append("</code></td></tr><tr><th>actual</th><td><code>").append(escape(c.actual()))
                        .append("</code></td></tr></tbody></table>\n");
            }
            if (c.example() != null) {
                h.append("<div class=\"cap\">Smallest failing example</div><pre class=\"example\">")
                        .append(escape(Exchange.clip(c.example()))).append("</pre>\n");
            }
            for (Exchange e : c.evidence()) {
                exchange(h, e, replay);
            }
            h.append("<p class=\"rerun\">Rerun just this requirement: <code>").append(escape(Rerun.command(r, List.of(v.id()))))
                    .append("</code></p>\n</article>\n");
        }
        h.append("</section>\n");
    }

    private static void exchange(StringBuilder h, Exchange e, Replay replay) {
        h.append("<div class=\"exchange\"><div class=\"half\"><div class=\"cap\">Request</div><pre>")
                .append(escape(e.method() + " " + e.url())).append('\n');
        e.requestHeaders().forEach((k, v) -> h.append(escape(k + ": " + v)).append('\n'));
        if (e.method().equals("POST") && !e.requestText().isEmpty()) {
            h.append('\n').append(escape(e.requestText()));
        }
        h.append("</pre></div><div class=\"half\"><div class=\"cap\">Answer (").append(e.millis()).append(" ms)</div><pre>");
        if (e.status() == null) {
            h.append("no answer: ").append(escape(e.error()));
        } else {
            h.append("HTTP ").append(e.status()).append('\n');
            e.responseHeaders().forEach((k, v) -> h.append(escape(k + ": " + v)).append('\n'));
            if (e.responseText() != null && !e.responseText().isEmpty()) {
                h.append('\n').append(escape(e.responseText()));
            }
        }
        h.append("</pre></div></div>\n<div class=\"curl\"><div class=\"cap\">Reproduce with</div><pre>")
                .append(escape(replay.curl(e))).append("</pre></div>\n");
    }

    private static void notJudged(StringBuilder h, ConformanceResult r) {
        List<RequirementVerdict> cantTell = r.verdicts().stream().filter(v -> v.outcome() == Outcome.CANT_TELL).toList();
        Map<String, List<String>> inapplicable = new LinkedHashMap<>();
        for (RequirementVerdict v : r.verdicts()) {
            if (v.outcome() == Outcome.INAPPLICABLE) {
                inapplicable.computeIfAbsent(String.valueOf(v.reason()), k -> new ArrayList<>()).add(v.name());
            }
        }
        if (cantTell.isEmpty() && inapplicable.isEmpty()) {
            return;
        }
        h.append("<section>\n<h2>Not judged</h2>\n");
        if (!cantTell.isEmpty()) {
            h.append("<p>Cannot tell: the kit could not observe what these rules need. This is never counted against the receiver.</p>\n<ul class=\"skips\">\n");
            for (RequirementVerdict v : cantTell) {
                h.append("<li id=\"").append(anchor(v)).append("\"><b>").append(escape(v.name())).append("</b> <small>")
                        .append(v.requirement().level()).append("</small>: ").append(escape(v.reason()));
                if (v.blockedBy() != null) {
                    h.append(" <small>(blocked by ").append(escape(v.blockedBy())).append(")</small>");
                }
                h.append("</li>\n");
            }
            h.append("</ul>\n");
        }
        if (!inapplicable.isEmpty()) {
            h.append("<p>Inapplicable in this run:</p>\n<ul class=\"skips\">\n");
            inapplicable.forEach((reason, ids) -> h.append("<li><b>").append(escape(reason)).append("</b>: ")
                    .append(escape(String.join(", ", ids))).append("</li>\n"));
            h.append("</ul>\n");
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
                    String label = v.outcome().label();
                    String cell = v.outcome() == Outcome.FAILED || v.outcome() == Outcome.CANT_TELL
                            ? "<a href=\"#" + anchor(v) + "\">" + label + "</a>" : label;
                    h.append("<td><span class=\"pill ").append(label).append("\" title=\"")
                            .append(escape(firstLine(title))).append("\">").append(cell).append("</span></td>");
                }
            }
            h.append("</tr>\n");
        }
        h.append("</tbody>\n</table>\n</section>\n");
    }

    private static void matrix(StringBuilder h, SelfTestMatrix m) {
        List<Requirement> reqs = RequirementCatalogue.get().all().stream()
                .filter(q -> q.endpoints().stream().anyMatch(e -> EndpointKind.byKey(e).isPresent())).toList();
        long ok = m.rows().stream().filter(SelfTestMatrix.Row::asExpected).count();
        h.append("<section id=\"self-test\">\n<h2>Self-test: can every check fail, and does every correct receiver pass?</h2>\n")
                .append("<p>The suite (strict profile) against receivers that each break one rule on purpose, and against correct ")
                .append("receivers written in other styles. A broken receiver's row is right when the rule it breaks fails and the ")
                .append("run exits 1; a correct receiver's row is right when no MUST fails and exactly the SHOULDs it is known to ")
                .append("break fail. <b>").append(ok).append(" of ").append(m.rows().size())
                .append("</b> rows are right.</p>\n<div class=\"scroll\"><table class=\"matrix\">\n<thead><tr><th>ReceiverUnderTest</th><th>must fail</th><th>breaks SHOULD</th><th>exit</th>");
        for (Requirement q : reqs) {
            h.append("<th class=\"rot\"><div>").append(q.id()).append("</div></th>");
        }
        h.append("<th>right?</th></tr></thead>\n<tbody>\n");
        for (SelfTestMatrix.Row row : m.rows()) {
            h.append("<tr><td title=\"").append(escape(row.description())).append("\"><b>").append(escape(row.receiver()))
                    .append("</b><br><small>").append(escape(row.description())).append("</small></td><td>")
                    .append(row.mustFail().isEmpty() ? "nothing" : escape(String.join(", ", row.mustFail())))
                    .append("</td><td>").append(row.breaksShould().isEmpty() ? "—" : escape(String.join(", ", row.breaksShould())))
                    .append("</td><td>").append(row.result().exitCode()).append("</td>");
            for (Requirement q : reqs) {
                Outcome o = row.result().outcomeOf(q.id());
                boolean expected = row.mustFail().contains(q.id()) || row.breaksShould().contains(q.id());
                h.append("<td class=\"cell ").append(o.label()).append(expected ? " expected" : "").append("\" title=\"")
                        .append(q.id()).append(": ").append(o.label()).append("\">")
                        .append(switch (o) { case PASSED -> "✓"; case FAILED -> "✗"; case CANT_TELL -> "?"; case INAPPLICABLE -> "·"; })
                        .append("</td>");
            }
            h.append("<td class=\"").append(row.asExpected() ? "passed" : "failed").append("\">")
                    .append(row.asExpected() ? "yes" : "NO").append("</td></tr>\n");
        }
        h.append("</tbody>\n</table></div>\n<p class=\"legend\">✓ passed · ✗ failed · ? cannot tell · · inapplicable; an outlined cell is a rule the receiver is known to break.</p>\n</section>\n");
    }

    private static String anchor(RequirementVerdict v) {
        return "v-" + v.id() + "-" + v.endpoint();
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
            .verdict.pass{color:var(--pass)}.verdict.fail{color:var(--fail)}.verdict.cantTell{color:var(--skip)}.fixed{color:#8a6d00}
            table{border-collapse:collapse}.meta th{text-align:left;color:#616161;font-weight:500;padding:1px 16px 1px 0}.meta td{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:13px}
            .tiles{display:flex;gap:16px;margin-top:16px;flex-wrap:wrap}.tile{border:1px solid var(--line);border-radius:6px;padding:10px 16px;background:var(--bg)}.tile .level{font-weight:700}
            b.passed{color:var(--pass)}b.failed{color:var(--fail)}b.cantTell{color:#b26a00}b.inapplicable{color:var(--skip)}
            .reqs{width:100%}.reqs th,.reqs td{border-bottom:1px solid var(--line);padding:6px 8px;text-align:left;vertical-align:top}.reqs th{background:var(--bg);position:sticky;top:0}
            .reqs td.lvl{font-size:12px;color:#616161}.na{color:#bdbdbd;text-align:center}
            .pill{display:inline-block;min-width:52px;text-align:center;border-radius:10px;padding:1px 8px;font-size:12px;font-weight:600;color:#fff}
            .pill.passed{background:var(--pass)}.pill.failed{background:var(--fail)}.pill.cantTell{background:#e0a030}.pill.inapplicable{background:#bdbdbd}.pill a{color:#fff}
            .failure{border:1px solid #ef9a9a;border-left:4px solid var(--fail);border-radius:6px;padding:12px 16px;margin:12px 0;background:#fff}
            .failure .req{color:#424242;margin:0 0 8px}.check{margin:8px 0 4px}
            pre{white-space:pre-wrap;word-break:break-word;font:12px/1.4 ui-monospace,Menlo,Consolas,monospace;margin:0}
            pre.message{background:#fff3f3;padding:8px;border-radius:4px}
            .exchange{display:flex;gap:8px;margin:8px 0}.half{flex:1;min-width:0;background:var(--bg);border:1px solid var(--line);border-radius:4px;padding:6px 8px;max-height:320px;overflow:auto}
            .cap{font-size:11px;text-transform:uppercase;letter-spacing:.04em;color:#757575;margin-bottom:4px}
            .skips li{margin:4px 0}.curl pre{background:#f3f6ff;border:1px solid #d0d8f0;border-radius:4px;padding:6px 8px}pre.example{background:#f7f7f7;padding:8px;border-radius:4px}.ea th{text-align:left;padding-right:12px;color:#616161;font-weight:500}.rerun{font-size:12px;color:#424242}
            .scroll{overflow-x:auto}.matrix td,.matrix th{border:1px solid var(--line);padding:3px 5px;font-size:12px}
            .matrix th.rot{height:110px;white-space:nowrap;vertical-align:bottom;padding:2px}.matrix th.rot div{transform:rotate(-60deg);width:18px;transform-origin:left bottom;margin-left:12px}
            .matrix td.cell{text-align:center;width:22px}.cell.passed{color:var(--pass)}.cell.failed{color:#fff;background:var(--fail)}.cell.cantTell{color:#b26a00}.cell.inapplicable{color:#bdbdbd}
            .cell.expected{outline:2px solid #000;outline-offset:-2px}td.passed{color:var(--pass);font-weight:700}td.failed{color:var(--fail);font-weight:700}
            .matrix td:nth-child(2){font-size:11px;min-width:110px}.legend{font-size:12px;color:#616161}
            footer{margin-top:32px;color:#757575;font-size:12px;border-top:1px solid var(--line);padding-top:8px}
            """;
}
