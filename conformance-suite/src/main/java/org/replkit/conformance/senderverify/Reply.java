package org.replkit.conformance.senderverify;

/**
 * What a scripted receiver answers to one request.
 *
 * @param holdMillis how long to keep the sender waiting before answering (0: at once)
 */
public record Reply(int status, String body, long holdMillis) {

    public static Reply ok(String recordId) {
        return new Reply(200, "{\"status\":\"ok\",\"id\":\"" + recordId + "\"}", 0);
    }

    public static Reply status(int status) {
        String body = status >= 400 && status < 500
                ? "{\"status\":\"error\",\"error\":\"refused by kit verify-sender\",\"code\":\"VALIDATION_ERROR\"}"
                : "{\"status\":\"error\",\"error\":\"scripted failure\"}";
        return new Reply(status, body, 0);
    }

    public Reply held(long millis) {
        return new Reply(status, body, millis);
    }
}
