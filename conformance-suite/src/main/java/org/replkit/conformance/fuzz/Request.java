package org.replkit.conformance.fuzz;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.replkit.conformance.model.EndpointKind;

/**
 * One request of a campaign as it goes out, before the bearer token is added.
 *
 * @param contentType the Content-Type header, or null to send none
 * @param headers     every other header, in order (the X-Sync-* headers as the sender sends them, or odd ones)
 */
public record Request(EndpointKind kind, byte[] body, String contentType, Map<String, String> headers) {

    public static final String JSON = "application/json";

    public Request {
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    public Request withBody(byte[] other) {
        return new Request(kind, other, contentType, headers);
    }

    public Request withContentType(String other) {
        return new Request(kind, body, other, headers);
    }

    /** A copy with one header set, or removed when {@code value} is null. */
    public Request withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        if (value == null) {
            h.remove(name);
        } else {
            h.put(name, value);
        }
        return new Request(kind, body, contentType, h);
    }
}
