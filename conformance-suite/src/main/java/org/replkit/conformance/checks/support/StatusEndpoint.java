package org.replkit.conformance.checks.support;

import java.util.LinkedHashMap;
import java.util.Map;
import org.replkit.conformance.http.Answer;

/** The sender's GET /admin/replication/status endpoint. */
public record StatusEndpoint(Target target) {

    /** GET with the admin token given to kit verify. */
    public Answer get() {
        return get(target.auth(target.adminToken()));
    }

    public Answer get(Map<String, String> headers) {
        return target.http().get(target.url(), new LinkedHashMap<>(headers));
    }
}
