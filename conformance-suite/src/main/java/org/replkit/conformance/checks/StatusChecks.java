package org.replkit.conformance.checks;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.replkit.conformance.checks.support.CheckFailure;
import org.replkit.conformance.checks.support.Expect;
import org.replkit.conformance.checks.support.RequirementCheck;
import org.replkit.conformance.checks.support.StatusEndpoint;
import org.replkit.conformance.http.Answer;
import org.replkit.conformance.model.CannotTell;
import org.replkit.spec.Level;
import org.replkit.spec.SchemaValidator;
import org.replkit.spec.SpecSchema;

/** The sender's status endpoint: admin only, the spec's shape, figures that add up. */
public class StatusChecks {

    @RequirementCheck(id = "STAT-AUTH-01", level = Level.MUST,
            title = "without the admin token or with a wrong one: 401; with it: 200")
    void adminOnly(StatusEndpoint s) {
        Expect.status(s.get(Map.of()), 401, "GET without a token");
        Expect.status(s.get(Map.of("Authorization", "Bearer kit-wrong-admin-token")), 401, "GET with a wrong token");
        Expect.status(s.get(Map.of("Authorization", "Basic " + s.target().adminToken())), 401,
                "GET with the admin token under the Basic scheme");
        Expect.status(s.get(), 200, "GET with the admin token");
    }

    @RequirementCheck(id = "STAT-SCHEMA-01", level = Level.MUST,
            title = "the response has the spec's shape and field types")
    void hasTheSpecShape(StatusEndpoint s) {
        Answer a = answered(s);
        Expect.that(a.json().isPresent(), "the status answer is not JSON", a);
        List<SchemaValidator.Violation> v = s.target().validator().violations(SpecSchema.STATUS_RESPONSE, a.body());
        Expect.that(v.isEmpty(), "the status answer does not match status-response.schema.json: "
                + v.stream().map(SchemaValidator.Violation::message).toList(), a);
    }

    @RequirementCheck(id = "STAT-FIG-01", level = Level.MUST,
            title = "total = pending + success + failed")
    void figuresAddUp(StatusEndpoint s) {
        figuresAddUp(answered(s));
    }

    /** The condition, on one status answer: the queue figures add up. */
    static void figuresAddUp(Answer a) {
        JsonNode body = a.json().orElseThrow(() -> new CannotTell("the status answer is not JSON (STAT-SCHEMA-01 judges"
                + " that)", "STAT-SCHEMA-01", List.of(a.exchange())));
        JsonNode q = body.path("queue_stats");
        for (String f : List.of("pending", "success", "failed", "total")) {
            JsonNode n = q.get(f);
            if (n == null || !n.isIntegralNumber()) {
                // The figures' types are the shape's rule: here only their sum is judged.
                throw new CannotTell("queue_stats." + f + " is " + n + ", not an integer, so the figures cannot be added"
                        + " (STAT-SCHEMA-01 judges that)", "STAT-SCHEMA-01", List.of(a.exchange()));
            }
        }
        long sum = q.get("pending").asLong() + q.get("success").asLong() + q.get("failed").asLong();
        Expect.equal(sum, q.get("total").asLong(), "queue_stats.total is " + q.get("total").asLong()
                + " but pending + success + failed is " + sum, a); // STAT-FIG-01
    }

    /** The status answer with the admin token; a refusal of it is STAT-AUTH-01's to judge. */
    private static Answer answered(StatusEndpoint s) {
        Answer a = s.get();
        if (a.status() != 200) {
            throw new CannotTell("GET with the admin token was answered " + a.describeStatus()
                    + ", so there is no status to read (STAT-AUTH-01 judges that)", "STAT-AUTH-01", List.of(a.exchange()));
        }
        return a;
    }

}
