package org.replkit.conformance.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import org.replkit.conformance.model.Exchange;

/**
 * What one request got back, with the exchange kept as evidence.
 *
 * @param body the answer's whole body as text ("" when there was none)
 */
public record Answer(Exchange exchange, String body) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public Answer {
        body = body == null ? "" : body;
    }

    /** True when an HTTP answer arrived (false on a timeout or a dropped connection). */
    public boolean answered() {
        return exchange.status() != null;
    }

    /** True when no answer came within the kit's wait. */
    public boolean timedOut() {
        return exchange.timedOut();
    }

    /** The HTTP status, or -1 when no answer arrived. */
    public int status() {
        return exchange.status() == null ? -1 : exchange.status();
    }

    public boolean is2xx() {
        return status() >= 200 && status() < 300;
    }

    /** The value of a response header, whatever the case of its name. */
    public Optional<String> header(String name) {
        return exchange.responseHeaders().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(java.util.Map.Entry::getValue).findFirst();
    }

    public long millis() {
        return exchange.millis();
    }

    /** The body as JSON, when it is JSON. */
    public Optional<JsonNode> json() {
        if (body.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readTree(body));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    /** How the status reads in a failure message: "400", or "no answer (connection reset)". */
    public String describeStatus() {
        return answered() ? String.valueOf(status()) : "no answer (" + exchange.error() + ")";
    }

    @Override
    public String toString() {
        return exchange.summary();
    }
}
