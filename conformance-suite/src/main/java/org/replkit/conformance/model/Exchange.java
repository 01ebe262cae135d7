package org.replkit.conformance.model;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One HTTP request the suite sent and what came back (or, for kit verify-sender, one request the
 * sender made and what the kit answered): the evidence a verdict carries. Secrets are
 * already replaced by {@code $KIT_TOKEN} / {@code $KIT_ADMIN_TOKEN} when an exchange is made.
 *
 * @param requestBody the whole body as sent (reports show {@link #requestText()}, cut to a readable length)
 * @param status      the HTTP status, or null when no answer arrived
 * @param error       why no answer arrived (timeout, connection reset), or null; on an answered exchange, a note
 *                    for the reader (kit verify-sender: when the request arrived against its commit, the attempt)
 * @param timedOut    no answer within the kit's wait (a little over the sender's timeout)
 */
public record Exchange(String method, String url, Map<String, String> requestHeaders, byte[] requestBody,
                       Integer status, Map<String, String> responseHeaders, String responseBody,
                       long millis, String error, boolean timedOut) {

    public static final int BODY_LIMIT = 4096;

    public Exchange {
        requestHeaders = requestHeaders == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(requestHeaders));
        responseHeaders = responseHeaders == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(responseHeaders));
        requestBody = requestBody == null ? new byte[0] : requestBody;
    }

    /** The request body as text for people, cut after {@link #BODY_LIMIT} characters. */
    public String requestText() {
        return clip(decode(requestBody));
    }

    /** The answer's body as text for people, cut after {@link #BODY_LIMIT} characters. */
    public String responseText() {
        return clip(responseBody);
    }

    /** True when the request body is UTF-8 text that a shell line can carry as it is. */
    public boolean requestIsPlainText() {
        try {
            String s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(requestBody)).toString();
            return s.chars().noneMatch(c -> c < 0x20 && c != '\t');
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** Bodies longer than {@link #BODY_LIMIT} characters are cut, saying how much was left out. */
    public static String clip(String body) {
        if (body == null || body.length() <= BODY_LIMIT) {
            return body;
        }
        return body.substring(0, BODY_LIMIT) + "… (" + (body.length() - BODY_LIMIT) + " more characters)";
    }

    private static String decode(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** One line: {@code POST http://… -> 400 (12 ms)}. */
    public String summary() {
        String outcome = status != null ? String.valueOf(status) : "no answer: " + error;
        return method + " " + url + " -> " + outcome + " (" + millis + " ms)";
    }
}
