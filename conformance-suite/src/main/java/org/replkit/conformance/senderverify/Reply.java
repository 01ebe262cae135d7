package org.replkit.conformance.senderverify;

import java.util.Map;

/**
 * What a scripted receiver answers to one request.
 *
 * @param holdMillis how long to keep the sender waiting before answering (0: at once)
 * @param headers    answer headers besides Content-Type (Retry-After, say)
 */
public record Reply(int status, String body, long holdMillis, Map<String, String> headers) {

    public Reply {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    public static Reply ok(String recordId) {
        return new Reply(200, "{\"status\":\"ok\",\"id\":\"" + recordId + "\"}", 0, Map.of());
    }

    public static Reply status(int status) {
        String body = status >= 400 && status < 500
                ? "{\"status\":\"error\",\"error\":\"refused by kit verify-sender\",\"code\":\"VALIDATION_ERROR\"}"
                : "{\"status\":\"error\",\"error\":\"scripted failure\"}";
        return new Reply(status, body, 0, Map.of());
    }

    public Reply held(long millis) {
        return new Reply(status, body, millis, headers);
    }

    /** The same answer asking the sender to wait this many seconds (RFC 9110 Retry-After, delta-seconds). */
    public Reply retryAfter(long seconds) {
        return new Reply(status, body, holdMillis, Map.of("Retry-After", Long.toString(seconds)));
    }
}
