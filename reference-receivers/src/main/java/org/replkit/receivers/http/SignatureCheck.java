package org.replkit.receivers.http;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.time.Clock;
import org.replkit.spec.Enforces;
import org.replkit.spec.WebhookSignature;

/**
 * The Standard Webhooks gate in front of the sync endpoints, registered once as a {@code beforeMatched}
 * filter: with a signing secret configured, a delivery is stored only when it carries webhook-id,
 * webhook-timestamp within 5 minutes of this clock, and a webhook-signature of which one {@code v1,}
 * value is the HMAC of the bytes received (compared in constant time). Anything else is 401 and
 * stores nothing. The body is read here (bounded, SYNC-ERR-05) and kept for the handler.
 */
public final class SignatureCheck implements Handler {

    private final WebhookSignature signature;
    private final Clock clock;

    /** @param secret {@code whsec_} + base64 of at least 24 bytes, or null to check nothing */
    public SignatureCheck(String secret, Clock clock) {
        this.signature = secret == null || secret.isEmpty() ? null : WebhookSignature.fromSecret(secret);
        this.clock = clock;
    }

    /** False without a secret: then every delivery is let through and the filter need not run. */
    public boolean checksAnything() {
        return signature != null;
    }

    /** @throws Rejection 401 when a secret is configured and the delivery is not signed with it */
    @Override
    @Enforces({"SIG-BODY-01", "SIG-ROT-01", "SIG-BYTES-01"})
    public void handle(Context ctx) {
        if (signature == null) {
            return;
        }
        String id = ctx.header(WebhookSignature.ID);
        String timestamp = ctx.header(WebhookSignature.TIMESTAMP);
        String signatures = ctx.header(WebhookSignature.SIGNATURE);
        if (id == null || timestamp == null || signatures == null) {
            throw refusal("SIG-REQ-01", "missing webhook-id, webhook-timestamp or webhook-signature (Standard Webhooks)");
        }
        long sentAt;
        try {
            sentAt = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            throw refusal("SIG-TIME-01", "webhook-timestamp is not a number of seconds since 1970");
        }
        if (Math.abs(clock.instant().getEpochSecond() - sentAt) > WebhookSignature.TOLERANCE_SECONDS) {
            throw refusal("SIG-TIME-01", "webhook-timestamp is more than 5 minutes from this receiver's clock");
        }
        byte[] body = BodyReader.readAndKeep(ctx);                                 // SYNC-ERR-05 first
        // SIG-KEY-01, SIG-BODY-01, SIG-ROT-01, SIG-BYTES-01: any v1 signature of the very bytes received.
        if (!signature.matchesAny(signatures, id, sentAt, body)) {
            throw refusal("SIG-KEY-01", "no webhook-signature matches this delivery");
        }
    }

    private static Rejection refusal(String requirement, String message) {
        return new Rejection(401, "invalid_signature", requirement, message);
    }
}
