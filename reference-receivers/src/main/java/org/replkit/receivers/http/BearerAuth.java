package org.replkit.receivers.http;

import io.javalin.http.Context;

/** The optional bearer token of the receivers (SYNC-AUTH-01); with no token configured it lets everything pass. */
public final class BearerAuth {

    private final BearerToken expected;

    /** @param token the token every request must carry, or null for none */
    public BearerAuth(String token) {
        this.expected = token == null || token.isEmpty() ? null : new BearerToken(token);
    }

    /** @throws Rejection 401 when a token is configured and the request does not carry it */
    public void check(Context ctx) {
        if (expected == null) {
            return;
        }
        String header = ctx.header("Authorization");
        if (!expected.admits(header)) {
            ctx.header("WWW-Authenticate", "Bearer");
            throw new Rejection(401, "unauthorized", "SYNC-AUTH-01",
                    header == null ? "missing bearer token (Authorization: Bearer <token>)" : "wrong bearer token");
        }
    }
}
