package org.replkit.receivers.status;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** The admin bearer token, checked in constant time (both sides are hashed first, so lengths do not leak). */
final class AdminToken {

    private final byte[] expectedDigest;

    AdminToken(String token) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("the admin token must not be empty");
        }
        this.expectedDigest = sha256(token);
    }

    /** True when the Authorization header is exactly "Bearer " followed by the token. */
    boolean admits(String authorizationHeader) {
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
