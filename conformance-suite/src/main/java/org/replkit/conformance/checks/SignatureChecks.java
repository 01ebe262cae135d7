package org.replkit.conformance.checks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.replkit.conformance.checks.support.Expect;
import org.replkit.conformance.checks.support.NothingStored;
import org.replkit.conformance.checks.support.ReceiverUnderTest;
import org.replkit.conformance.checks.support.RequirementCheck;
import org.replkit.conformance.checks.support.Unobserved;
import org.replkit.conformance.http.Answer;
import org.replkit.conformance.records.JsonbText;
import org.replkit.conformance.records.Samples;
import org.replkit.spec.Level;
import org.replkit.spec.WebhookSignature;

/**
 * A receiver given a Standard Webhooks signing secret stores only deliveries signed with it, recent,
 * over the bytes it received. Each refusal check first needs a correctly signed delivery accepted (a
 * refusal of that is SYNC-ACCEPT-01's), then sends the bad variant and a valid twin that must be new.
 */
public class SignatureChecks {

    /** A key no receiver holds: signatures made with it are forgeries. Random per run, so nothing real leaks. */
    private static final String FORGER = "whsec_" + java.util.Base64.getEncoder()
            .encodeToString(UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));

    @RequirementCheck(id = "SIG-REQ-01", level = Level.MUST,
            title = "a delivery without webhook-id, webhook-timestamp and webhook-signature is answered 401 and stores nothing")
    void unsignedIsRefused(ReceiverUnderTest r) {
        Map<String, Map<String, String>> variants = new LinkedHashMap<>();
        variants.put("no webhook-* header at all", Map.of());
        variants.put("webhook-id and webhook-timestamp but no webhook-signature", Map.of(
                WebhookSignature.ID, "msg_kit_unsigned", WebhookSignature.TIMESTAMP, String.valueOf(now())));
        refusesEach(r, variants, "SIG-REQ-01");
    }

    @RequirementCheck(id = "SIG-KEY-01", level = Level.MUST,
            title = "a delivery signed with another key, or whose signature is not one, is answered 401 and stores nothing")
    void wrongSignatureIsRefused(ReceiverUnderTest r) {
        Map<String, Map<String, String>> variants = new LinkedHashMap<>();
        variants.put("a signature made with another key", null);
        variants.put("a signature that is not base64", Map.of(WebhookSignature.SIGNATURE, "v1,not*a*signature"));
        variants.put("an empty signature", Map.of(WebhookSignature.SIGNATURE, "v1,"));
        refusesEach(r, variants, "SIG-KEY-01");
    }

    @RequirementCheck(id = "SIG-BODY-01", level = Level.MUST,
            title = "a delivery whose body was changed after signing is answered 401 and stores nothing")
    void tamperedBodyIsRefused(ReceiverUnderTest r) {
        acceptsASignedDelivery(r);
        Unobserved unobserved = new Unobserved();
        NothingStored probe = NothingStored.from(r, unobserved);
        ObjectNode record = Samples.fresh(r.kind());
        byte[] signed = ReceiverUnderTest.bytes(record);
        ObjectNode changed = altered(record, r.kind().ackValueSource());
        byte[] sent = ReceiverUnderTest.bytes(changed);
        Map<String, String> headers = new LinkedHashMap<>(r.syncHeaders(changed, "INSERT"));
        headers.putAll(r.signature(signed));
        Answer a = r.send(sent, ReceiverUnderTest.JSON, headers);
        Expect.status(a, 401, "a delivery whose " + r.kind().ackValueSource() + " was changed after signing"); // SIG-BODY-01
        probe.verify(a, changed, "a delivery changed after signing");
        unobserved.finish();
    }

    @RequirementCheck(id = "SIG-TIME-01", level = Level.MUST,
            title = "a correctly signed delivery whose webhook-timestamp is more than 5 minutes off is answered 401 and stores nothing")
    void staleTimestampIsRefused(ReceiverUnderTest r) {
        acceptsASignedDelivery(r);
        Unobserved unobserved = new Unobserved();
        NothingStored probe = NothingStored.from(r, unobserved);
        Map<String, Long> offsets = new LinkedHashMap<>();
        offsets.put("signed 10 minutes ago (a replay)", -600L);
        offsets.put("signed 10 minutes in the future", 600L);
        for (Map.Entry<String, Long> offset : offsets.entrySet()) {
            ObjectNode record = Samples.fresh(r.kind());
            byte[] body = ReceiverUnderTest.bytes(record);
            Map<String, String> headers = new LinkedHashMap<>(r.syncHeaders(record, "INSERT"));
            headers.putAll(r.signature(body, messageId(), now() + offset.getValue()));
            Answer a = r.send(body, ReceiverUnderTest.JSON, headers);
            Expect.status(a, 401, "a correctly signed delivery " + offset.getKey()); // SIG-TIME-01
            probe.verify(a, record, "a delivery " + offset.getKey());
        }
        unobserved.finish();
    }

    @RequirementCheck(id = "SIG-ROT-01", level = Level.MUST,
            title = "a delivery with several signatures, the valid one not first, is accepted (a secret's rotation)")
    void oneValidSignatureAmongSeveralIsAccepted(ReceiverUnderTest r) {
        ObjectNode record = Samples.fresh(r.kind());
        byte[] body = ReceiverUnderTest.bytes(record);
        String id = messageId();
        long ts = now();
        Map<String, String> headers = new LinkedHashMap<>(r.syncHeaders(record, "INSERT"));
        headers.putAll(r.signature(body, id, ts));
        String forged = WebhookSignature.fromSecret(FORGER).sign(id, ts, body);
        headers.put(WebhookSignature.SIGNATURE, forged + " " + headers.get(WebhookSignature.SIGNATURE));
        Answer a = r.send(body, ReceiverUnderTest.JSON, headers);
        Expect.status(a, 200, "a delivery signed with an old key and the current one, the current one second"); // SIG-ROT-01
    }

    @RequirementCheck(id = "SIG-BYTES-01", level = Level.MUST,
            title = "a validly signed delivery written as jsonb writes it (a space after ':' and ','), not as compact JSON, is accepted")
    void signatureIsCheckedOverTheBytesReceived(ReceiverUnderTest r) {
        ObjectNode record = Samples.fresh(r.kind());
        byte[] body = JsonbText.write(record).getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>(r.syncHeaders(record, "INSERT"));
        headers.putAll(r.signature(body));
        Answer a = r.send(body, ReceiverUnderTest.JSON, headers);
        Expect.status(a, 200, "a signed delivery in jsonb's text, as the sender sends it"); // SIG-BYTES-01
    }

    /** Each variant is sent with a fresh record; null means "signed with another key". */
    private static void refusesEach(ReceiverUnderTest r, Map<String, Map<String, String>> variants, String requirement) {
        acceptsASignedDelivery(r);
        Unobserved unobserved = new Unobserved();
        NothingStored probe = NothingStored.from(r, unobserved);
        for (Map.Entry<String, Map<String, String>> variant : variants.entrySet()) {
            ObjectNode record = Samples.fresh(r.kind());
            byte[] body = ReceiverUnderTest.bytes(record);
            Map<String, String> headers = new LinkedHashMap<>(r.syncHeaders(record, "INSERT"));
            if (variant.getValue() == null) {
                String id = messageId();
                headers.put(WebhookSignature.ID, id);
                headers.put(WebhookSignature.TIMESTAMP, String.valueOf(now()));
                headers.put(WebhookSignature.SIGNATURE, WebhookSignature.fromSecret(FORGER).sign(id, now(), body));
            } else if (variant.getValue().containsKey(WebhookSignature.SIGNATURE)) {
                headers.putAll(r.signature(body));
            }
            headers.putAll(variant.getValue() == null ? Map.of() : variant.getValue());
            Answer a = r.sendUnsigned(body, ReceiverUnderTest.JSON, headers);
            Expect.status(a, 401, "a delivery with " + variant.getKey() + " (" + requirement + ")");
            probe.verify(a, record, "a delivery with " + variant.getKey());
        }
        unobserved.finish();
    }

    /** A correctly signed delivery must be accepted before a refusal means anything; refusing it is SYNC-ACCEPT-01's. */
    private static void acceptsASignedDelivery(ReceiverUnderTest r) {
        r.acceptedAsObservation(r.deliver(Samples.fresh(r.kind())), "a correctly signed valid delivery");
    }

    /** The record with one value changed, still valid: half the number, or the text with a suffix. */
    private static ObjectNode altered(ObjectNode record, String field) {
        ObjectNode changed = record.deepCopy();
        if (record.get(field).isNumber()) {
            changed.put(field, record.get(field).asDouble() / 2);
        } else {
            changed.put(field, record.get(field).asText() + " (changed)");
        }
        return changed;
    }

    private static String messageId() {
        return "msg_kit_" + UUID.randomUUID().toString().replace("-", "");
    }

    private static long now() {
        return Instant.now().getEpochSecond();
    }
}
