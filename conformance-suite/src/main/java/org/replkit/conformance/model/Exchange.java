package org.replkit.conformance.model;

import java.util.Map;

/**
 * One HTTP request the suite sent and what came back: the evidence a failing verdict carries.
 * Bodies are kept as text and cut to a readable length.
 *
 * @param status the HTTP status, or null when no answer arrived
 * @param error  why no answer arrived (timeout, connection reset), or null
 */
public record Exchange(String method, String url, Map<String, String> requestHeaders, String requestBody,
                       Integer status, Map<String, String> responseHeaders, String responseBody,
                       long millis, String error) {

    public static final int BODY_LIMIT = 4096;

    public Exchange {
        requestHeaders = requestHeaders == null ? Map.of() : Map.copyOf(requestHeaders);
        responseHeaders = responseHeaders == null ? Map.of() : Map.copyOf(responseHeaders);
    }

    /** Bodies longer than {@link #BODY_LIMIT} characters are cut, saying how much was left out. */
    public static String clip(String body) {
        if (body == null || body.length() <= BODY_LIMIT) {
            return body;
        }
        return body.substring(0, BODY_LIMIT) + "… (" + (body.length() - BODY_LIMIT) + " more characters)";
    }

    /** One line: {@code POST http://… -> 400 (12 ms)}. */
    public String summary() {
        String outcome = status != null ? String.valueOf(status) : "no answer: " + error;
        return method + " " + url + " -> " + outcome + " (" + millis + " ms)";
    }
}
