package org.replkit.conformance.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.replkit.conformance.model.CheckOutcome;
import org.replkit.conformance.model.ConformanceResult;
import org.replkit.conformance.model.Exchange;
import org.replkit.conformance.model.RequirementVerdict;
import org.replkit.conformance.model.Verdict;
import org.replkit.spec.Level;

/** conformance.json: the run, and per (requirement, endpoint) its verdict with the evidence. */
public final class JsonReport {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {}

    public static String render(ConformanceResult r) {
        ObjectNode root = JSON.createObjectNode();
        root.put("kit", "replication conformance kit");
        root.put("profile", r.profile().label());
        root.put("verdict", r.verdictLabel());
        root.put("exit_code", r.exitCode());
        root.put("started_at", r.startedAt().toString());
        root.put("duration_ms", r.millis());
        root.put("seed", r.seed());
        ObjectNode targets = root.putObject("targets");
        r.targets().forEach(targets::put);
        ObjectNode summary = root.putObject("summary");
        for (Level level : Level.values()) {
            ConformanceResult.Tally t = r.tally(level);
            ObjectNode s = summary.putObject(level.name());
            s.put("passed", t.passed());
            s.put("failed", t.failed());
            s.put("skipped", t.skipped());
        }
        Badge badge = Badge.of(r);
        root.put("badge", badge.label() + " | " + badge.message());
        ArrayNode reqs = root.putArray("requirements");
        for (RequirementVerdict v : r.verdicts()) {
            ObjectNode n = reqs.addObject();
            n.put("id", v.id());
            n.put("level", v.requirement().level().name());
            n.put("endpoint", v.endpoint());
            n.put("verdict", v.verdict().label());
            n.put("counted", r.counts(v.requirement()));
            n.put("title", v.requirement().title());
            if (v.reason() != null) {
                n.put("reason", v.reason());
            }
            n.put("duration_ms", v.millis());
            ArrayNode evidence = n.putArray("evidence");
            v.checks().stream().filter(c -> c.verdict() == Verdict.FAIL).findFirst()
                    .ifPresent(c -> exchanges(evidence, c.evidence()));
            ArrayNode checks = n.putArray("checks");
            for (CheckOutcome c : v.checks()) {
                ObjectNode cn = checks.addObject();
                cn.put("check", c.check());
                cn.put("title", c.title());
                cn.put("verdict", c.verdict().label());
                if (c.message() != null) {
                    cn.put("message", c.message());
                }
                cn.put("duration_ms", c.millis());
                if (!c.evidence().isEmpty()) {
                    exchanges(cn.putArray("evidence"), c.evidence());
                }
            }
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void exchanges(ArrayNode out, List<Exchange> exchanges) {
        for (Exchange e : exchanges) {
            ObjectNode n = out.addObject();
            ObjectNode req = n.putObject("request");
            req.put("method", e.method());
            req.put("url", e.url());
            ObjectNode rh = req.putObject("headers");
            e.requestHeaders().forEach(rh::put);
            if (e.requestBody() != null) {
                req.put("body", e.requestBody());
            }
            if (e.status() != null) {
                ObjectNode res = n.putObject("response");
                res.put("status", e.status());
                ObjectNode h = res.putObject("headers");
                e.responseHeaders().forEach(h::put);
                res.put("body", e.responseBody());
            } else {
                n.putNull("response");
                n.put("error", e.error());
            }
            n.put("duration_ms", e.millis());
        }
    }
}
