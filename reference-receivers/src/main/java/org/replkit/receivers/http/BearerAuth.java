package org.replkit.receivers.http;

import io.javalin.http.Context;
import io.javalin.http.Handler;

/**
 * A bearer-token gate (RFC 6750) in front of an app's endpoints, registered once as a
 * {@code beforeMatched} filter: the receivers' optional token (SYNC-AUTH-01) and the status
 * endpoint's admin token (STAT-AUTH-01). With no token configured it lets everything pass.
 */
public final class BearerAuth implements Handler {

    private final BearerToken expected;
    private final String requirementId;

    /**
     * @param token         the token every request must carry, or null for none
     * @param requirementId the rule a refusal enforces, carried by the refusal
     */
    public BearerAuth(String token, String requirementId) {
        this.expected = token == null || token.isEmpty() ? null : new BearerToken(token);
        this.requirementId = requirementId;
    }

    /** False without a token: then every request is let through and the filter need not run. */
    public boolean checksAnything() {
        return expected != null;
    }

    /** @throws Rejection 401 when a token is configured and the request does not carry it */
    @Override
    public void handle(Context ctx) {
        if (expected == null) {
            return;
        }
        String header = ctx.header("Authorization");
        if (!expected.admits(header)) {
            ctx.header("WWW-Authenticate", "Bearer");
            throw new Rejection(401, "unauthorized", requirementId,
                    header == null ? "missing bearer token (Authorization: Bearer <token>)" : "wrong bearer token");
        }
    }
}
