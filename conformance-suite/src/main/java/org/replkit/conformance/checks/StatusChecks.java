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
            title = "total = pending + success + failed, and every count is a non-negative integer")
    void figuresAddUp(StatusEndpoint s) {
        Answer a = answered(s);
        JsonNode body = a.json().orElseThrow(() -> CheckFailure.of("the status answer is not JSON", a));
        JsonNode q = body.path("queue_stats");
        for (String f : List.of("pending", "success", "failed", "total")) {
            count(q.get(f), "queue_stats." + f, a);
        }
        long sum = q.get("pending").asLong() + q.get("success").asLong() + q.get("failed").asLong();
        Expect.that(q.get("total").asLong() == sum, "queue_stats.total is " + q.get("total").asLong()
                + " but pending + success + failed is " + sum, a);
        int i = 0;
        for (JsonNode instance : body.path("instances")) {
            count(instance.get("success_count"), "instances[" + i + "].success_count", a);
            count(instance.get("error_count"), "instances[" + i + "].error_count", a);
            i++;
        }
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

    private static void count(JsonNode n, String name, Answer a) {
        Expect.that(n != null && n.isIntegralNumber() && n.asLong() >= 0,
                name + " is " + n + ", not a non-negative integer", a);
    }
}
