package org.replkit.receivers.http;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** The optional bearer token of the receivers (SYNC-AUTH-01); with no token configured it lets everything pass. */
public final class BearerAuth {

    private final byte[] expected;

    /** @param token the token every request must carry, or null for none */
    public BearerAuth(String token) {
        this.expected = token == null || token.isEmpty() ? null : ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    }

    /** @throws Rejection 401 when a token is configured and the request does not carry it */
    public void check(Context ctx) {
        if (expected == null) {
            return;
        }
        String header = ctx.header("Authorization");
        byte[] given = header == null ? new byte[0] : header.getBytes(StandardCharsets.UTF_8);
        // Constant-time comparison: the answer's timing says nothing about how much of a guess was right.
        if (!MessageDigest.isEqual(expected, given)) {
            ctx.header("WWW-Authenticate", "Bearer");
            throw new Rejection(401, "unauthorized",
                    header == null ? "missing bearer token (Authorization: Bearer <token>)" : "wrong bearer token");
        }
    }
}
