package org.replkit.conformance.checks.support;

import org.replkit.spec.SyncHeaders;
import org.replkit.spec.WebhookSignature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.replkit.conformance.http.Answer;
import org.replkit.conformance.model.CannotTell;
import org.replkit.conformance.model.EndpointKind;
import org.replkit.conformance.records.Samples;

/**
 * The receiver under test, one endpoint of it (/sync/patterns or /sync/metrics), spoken to the way the sender speaks:
 * a JSON body, Content-Type application/json, the X-Sync-* headers, the bearer token if given and, when a signing
 * secret is given, the Standard Webhooks headers signing the very bytes sent.
 */
public record ReceiverUnderTest(Target target) {

    public static final String JSON = "application/json";

    public EndpointKind kind() {
        return target.kind();
    }

    public URI url() {
        return target.url();
    }

    /** Delivers the record as an INSERT event. */
    public Answer deliver(ObjectNode record) {
        return deliver(record, "INSERT");
    }

    public Answer deliver(ObjectNode record, String eventType) {
        return send(bytes(record), JSON, syncHeaders(record, eventType));
    }

    /** The headers the sender sends with the record; the record-id header restates the body's id. */
    public Map<String, String> syncHeaders(ObjectNode record, String eventType) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put(SyncHeaders.EVENT_TYPE, eventType);
        h.put(SyncHeaders.TABLE, kind().table());
        JsonNode id = record.get("id");
        if (id != null && id.isTextual() && !id.asText().isEmpty()) {
            h.put(SyncHeaders.RECORD_ID, id.asText());
        }
        return h;
    }

    /**
     * Posts a raw body; the bearer token and the signature of these bytes are added unless the headers
     * already say Authorization or webhook-*.
     */
    public Answer send(byte[] body, String contentType, Map<String, String> headers) {
        Map<String, String> h = new LinkedHashMap<>(target.auth(target.token()));
        h.putAll(signature(body));
        h.putAll(headers);
        return target.http().post(url(), body, contentType, h);
    }

    /** Posts with the bearer token but no signature (for the signature checks). */
    public Answer sendUnsigned(byte[] body, String contentType, Map<String, String> headers) {
        Map<String, String> h = new LinkedHashMap<>(target.auth(target.token()));
        h.putAll(headers);
        return target.http().post(url(), body, contentType, h);
    }

    /** webhook-id, webhook-timestamp (now) and webhook-signature of these bytes; nothing without a signing secret. */
    public Map<String, String> signature(byte[] body) {
        return signature(body, "msg_kit_" + UUID.randomUUID().toString().replace("-", ""), Instant.now().getEpochSecond());
    }

    /** The Standard Webhooks headers of these bytes with this id and timestamp; nothing without a signing secret. */
    public Map<String, String> signature(byte[] body, String id, long timestamp) {
        Map<String, String> h = new LinkedHashMap<>();
        if (target.signingSecret() != null) {
            h.put(WebhookSignature.ID, id);
            h.put(WebhookSignature.TIMESTAMP, String.valueOf(timestamp));
            h.put(WebhookSignature.SIGNATURE, WebhookSignature.fromSecret(target.signingSecret()).sign(id, timestamp, body));
        }
        return h;
    }

    /** Delivers n fresh valid records at the same moment (see {@link org.replkit.conformance.http.Http#burst}). */
    public List<Answer> burst(int n) {
        return burst(Stream.generate(() -> Samples.fresh(kind())).limit(n).toList());
    }

    /** Delivers the same record n times at the same moment, as n senders retrying at once would. */
    public List<Answer> burstOf(ObjectNode record, int n) {
        return burst(Collections.nCopies(n, record));
    }

    private List<Answer> burst(List<ObjectNode> records) {
        List<byte[]> bodies = new ArrayList<>();
        List<Map<String, String>> headers = new ArrayList<>();
        for (ObjectNode record : records) {
            byte[] body = bytes(record);
            bodies.add(body);
            Map<String, String> h = new LinkedHashMap<>(target.auth(target.token()));
            h.putAll(signature(body));
            h.putAll(syncHeaders(record, "INSERT"));
            headers.add(h);
        }
        return target.http().burst(url(), bodies, JSON, headers);
    }

    /** The same receiver reached through another URL (a proxy in front of it). */
    public ReceiverUnderTest through(URI other) {
        return new ReceiverUnderTest(target.withUrl(other));
    }

    /** Posts with these headers and the signature, no token added (for the authentication checks). */
    public Answer sendWithoutToken(byte[] body, String contentType, Map<String, String> headers) {
        Map<String, String> h = new LinkedHashMap<>(signature(body));
        h.putAll(headers);
        return target.http().post(url(), body, contentType, h);
    }

    public static byte[] bytes(JsonNode record) {
        return record.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The requirement that judges this endpoint's acknowledgement: PAT-ACK-01 or MET-ACK-01. */
    public String ackRequirement() {
        return kind() == EndpointKind.PATTERNS ? "PAT-ACK-01" : "MET-ACK-01";
    }

    /**
     * The count in an acknowledgement that a check needs as an observation. The caller has judged
     * the status already; a 2xx without an integer count leaves the check unable to see the store,
     * so it cannot tell (the ack requirement judges the missing count).
     */
    public long countOf(Answer ack, String context) {
        JsonNode count = ack.json().map(j -> j.get(kind().ackCountField())).orElse(null);
        if (count == null || !count.isIntegralNumber()) {
            throw new CannotTell(context + ": the acknowledgement carries no integer " + kind().ackCountField()
                    + ", so the stored records cannot be counted (" + ackRequirement() + " judges the ack)",
                    ackRequirement(), List.of(ack.exchange()));
        }
        return count.asLong();
    }

    /**
     * The number of stored records right after storing one more: delivers a fresh valid record and
     * reads the count from its acknowledgement. Used as a baseline before a check and as a probe
     * after it; a fresh id keeps the probe independent of idempotency. When a fresh valid record is
     * not accepted, nothing can be observed (SYNC-ACCEPT-01 judges that).
     */
    public long countWithFreshRecord(String context) {
        Answer a = deliver(Samples.fresh(kind()));
        acceptedAsObservation(a, "a fresh valid record (" + context + ")");
        return countOf(a, context + " (count probe with a fresh record)");
    }

    /**
     * A delivery of a valid record the check needs accepted in order to observe anything: a refusal
     * is SYNC-ACCEPT-01's failure, so here it means the check cannot tell.
     */
    public void acceptedAsObservation(Answer a, String what) {
        acceptedAsObservation(a, what, "SYNC-ACCEPT-01");
    }

    /** As above, where another requirement judges the refusal (SYNC-IDEM-01 for a known record delivered again). */
    public void acceptedAsObservation(Answer a, String what, String judgedBy) {
        if (a.status() != 200) {
            throw new CannotTell(what + " was answered " + a.describeStatus() + ", so there is nothing to observe"
                    + " (" + judgedBy + " judges that)", judgedBy, List.of(a.exchange()));
        }
    }

    /** The stored value the acknowledgement reports (pattern_name or success_rate). */
    public JsonNode ackValue(Answer ack) {
        JsonNode v = ack.json().map(j -> j.get(kind().ackValueField())).orElse(null);
        if (v == null) {
            throw new CannotTell("the acknowledgement carries no " + kind().ackValueField()
                    + ", so the stored row cannot be seen (" + ackRequirement() + " judges the ack)",
                    ackRequirement(), List.of(ack.exchange()));
        }
        return v;
    }
}
