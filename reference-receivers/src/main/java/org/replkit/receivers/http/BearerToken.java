package org.replkit.receivers.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A bearer token (RFC 6750), checked in constant time: both sides are hashed first, so neither the
 * time taken nor the length of a guess says anything about the token. Used for the receivers'
 * optional token and the status endpoint's admin token.
 */
public final class BearerToken {

    private final byte[] expectedDigest;

    public BearerToken(String token) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("a bearer token must not be empty");
        }
        this.expectedDigest = sha256(token);
    }

    /** True when the Authorization header is "Bearer " (any case) followed by the token. */
    public boolean admits(String authorizationHeader) {
        String presented = "";
        if (authorizationHeader != null && authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) {
            presented = authorizationHeader.substring(7).trim();
        }
        // Compare even when nothing was presented, so the time taken does not say which case it was.
        boolean equal = MessageDigest.isEqual(expectedDigest, sha256(presented));
        return equal && !presented.isEmpty();
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
