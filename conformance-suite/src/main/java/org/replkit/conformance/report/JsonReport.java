package org.replkit.conformance.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.replkit.conformance.model.ConformanceResult;
import org.replkit.conformance.model.Exchange;
import org.replkit.conformance.model.FailingCase;
import org.replkit.conformance.model.RequirementVerdict;
import org.replkit.spec.Level;
import org.replkit.spec.RequirementCatalogue;

/**
 * conformance.json: the run, and per (requirement, endpoint) its outcome with the evidence and a
 * curl line per exchange, how many cases ran and failed ({@code cases}), and every failing case
 * ({@code failing_cases}: the deciding one first, each with its reason, smallest example, evidence
 * and curl line). Outcomes are W3C EARL's: passed, failed, cantTell, inapplicable.
 */
public final class JsonReport {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {}

    public static String render(ConformanceResult r, Replay replay) {
        ObjectNode root = JSON.createObjectNode();
        root.put("kit", "replication conformance kit");
        root.put("catalogue_version", RequirementCatalogue.get().version());
        root.put("profile", r.profile().label());
        root.put("verdict", r.verdict().label());
        root.put("exit_code", r.exitCode());
        root.put("started_at", r.startedAt().toString());
        root.put("duration_ms", r.millis());
        root.put("seed", r.seed());
        root.put("rerun", Rerun.command(r, List.of()));
        root.set("targets", JSON.valueToTree(r.targets()));
        ObjectNode summary = root.putObject("summary");
        for (Level level : Level.values()) {
            ConformanceResult.Tally t = r.tally(level);
            ObjectNode s = summary.putObject(level.name());
            s.put("counted", r.profile().counts(level));
            s.put("passed", t.passed());
            s.put("failed", t.failed());
            s.put("cantTell", t.cantTell());
            s.put("inapplicable", t.inapplicable());
        }
        ConformanceResult.Cases cases = r.cases();
        ObjectNode c = root.putObject("cases");
        c.put("tests", cases.tests());
        c.put("failures", cases.failures());
        c.put("skipped", cases.skipped());
        if (r.baseline() != null) {
            ObjectNode b = root.putObject("baseline");
            b.put("strict", r.baseline().strict());
            b.set("baselined", JSON.valueToTree(r.baselinedFailures().stream().map(RequirementVerdict::name).toList()));
            b.set("fixed", JSON.valueToTree(r.fixed().stream().map(RequirementVerdict::name).toList()));
        }
        Badge badge = Badge.of(r);
        root.put("badge", badge.label() + " | " + badge.message());
        ArrayNode reqs = root.putArray("requirements");
        for (RequirementVerdict v : r.verdicts()) {
            ObjectNode n = reqs.addObject();
            n.put("id", v.id());
            n.put("level", v.requirement().level().name());
            n.put("endpoint", v.endpoint());
            n.put("outcome", v.outcome().label());
            n.put("counted", r.counts(v.requirement()));
            if (r.baselined(v)) {
                n.put("baselined", true);
            }
            n.put("title", v.requirement().title());
            if (v.reason() != null) {
                n.put("reason", v.reason());
            }
            if (v.blockedBy() != null) {
                n.put("blocked_by", v.blockedBy());
            }
            var deciding = v.deciding();
            if (deciding != null) {
                n.put("check", deciding.check());
                if (deciding.expected() != null && v.outcome() == org.replkit.spec.Outcome.FAILED) {
                    n.put("expected", deciding.expected());
                    n.put("actual", deciding.actual());
                }
                if (deciding.example() != null) {
                    n.put("smallest_example", deciding.example());
                }
            }
            n.put("duration_ms", v.millis());
            exchanges(n.putArray("evidence"), v.evidence(), replay);
            ObjectNode caseCount = n.putObject("cases");
            caseCount.put("failed", v.failingCases().size());
            caseCount.put("run", Math.max(v.casesRun(), v.failingCases().size()));
            ArrayNode failing = n.putArray("failing_cases");
            for (FailingCase fc : v.failingCases()) {
                ObjectNode f = failing.addObject();
                f.put("check", fc.name());
                f.put("reason", fc.message());
                if (fc.expected() != null) {
                    f.put("expected", fc.expected());
                    f.put("actual", fc.actual());
                }
                if (fc.example() != null) {
                    f.put("smallest_example", fc.example());
                } else {
                    f.putNull("smallest_example");
                }
                exchanges(f.putArray("evidence"), fc.evidence(), replay);
                // The case's own repeat: the last request, the one that showed the failure.
                f.put("curl", fc.evidence().isEmpty() ? null : replay.curl(fc.evidence().get(fc.evidence().size() - 1)));
            }
        }
        return text(root);
    }

    /** A report's JSON document, indented, with a closing newline. */
    public static String text(ObjectNode root) {
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void exchanges(ArrayNode out, List<Exchange> exchanges, Replay replay) {
        for (Exchange e : exchanges) {
            ObjectNode n = out.addObject();
            ObjectNode req = request(n, e);
            if (e.method().equals("POST")) {
                req.put("body", e.requestText());
            }
            if (response(n, e) && e.error() != null) {
                // A note on an answered exchange: kit verify-sender's timeline (arrival against the commit).
                n.put("note", e.error());
            }
            n.put("duration_ms", e.millis());
            n.put("curl", replay.curl(e));
        }
    }

    /** An exchange's request as every JSON report writes it: method, url and headers (the body is the caller's). */
    public static ObjectNode request(ObjectNode n, Exchange e) {
        ObjectNode req = n.putObject("request");
        req.put("method", e.method());
        req.put("url", e.url());
        ObjectNode headers = req.putObject("headers");
        e.requestHeaders().forEach(headers::put);
        return req;
    }

    /**
     * An exchange's answer as every JSON report writes it: status, headers and body, or a null
     * response and the error.
     *
     * @return whether there was an answer
     */
    public static boolean response(ObjectNode n, Exchange e) {
        if (e.status() == null) {
            n.putNull("response");
            n.put("error", e.error());
            return false;
        }
        ObjectNode res = n.putObject("response");
        res.put("status", e.status());
        ObjectNode headers = res.putObject("headers");
        e.responseHeaders().forEach(headers::put);
        res.put("body", e.responseText());
        return true;
    }
}
