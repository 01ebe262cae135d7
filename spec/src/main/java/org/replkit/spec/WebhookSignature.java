package org.replkit.spec;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks 1.0 signatures: {@code webhook-signature: v1,<base64 HMAC-SHA256(key, "{id}.{timestamp}.{body}")>},
 * with the key given as {@code whsec_<base64>}. The body is signed as the bytes that travel, never a
 * re-serialisation of them. A header may hold several signatures separated by spaces (a rotation);
 * any one of them matching is enough. Comparison runs in constant time.
 */
public final class WebhookSignature {

    public static final String ID = "webhook-id";
    public static final String TIMESTAMP = "webhook-timestamp";
    public static final String SIGNATURE = "webhook-signature";
    /** How far a delivery's timestamp may be from the receiver's clock: Standard Webhooks' 5 minutes. */
    public static final long TOLERANCE_SECONDS = 300;
    /** The prefix of a secret as Standard Webhooks writes it. */
    public static final String SECRET_PREFIX = "whsec_";
    /** The shortest key accepted, in bytes once decoded (Standard Webhooks: 24 to 64). */
    public static final int MIN_KEY_BYTES = 24;

    private final byte[] key;

    private WebhookSignature(byte[] key) {
        this.key = key;
    }

    /** A secret given as an option: null when blank (none given), else the secret, checked as {@link #fromSecret} does. */
    public static String checkedOrNull(String secret) {
        if (secret == null || secret.isBlank()) {
            return null;
        }
        fromSecret(secret.trim());
        return secret.trim();
    }

    /**
     * @param secret {@code whsec_} followed by the base64 of at least 24 bytes
     * @throws IllegalArgumentException naming what is wrong (never repeating the secret)
     */
    public static WebhookSignature fromSecret(String secret) {
        if (secret == null || !secret.startsWith(SECRET_PREFIX)) {
            throw new IllegalArgumentException("a signing secret is " + SECRET_PREFIX + " followed by base64");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a signing secret is " + SECRET_PREFIX + " followed by base64; this one is not base64");
        }
        if (key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("a signing secret must hold at least " + MIN_KEY_BYTES + " bytes, this one holds " + key.length);
        }
        return new WebhookSignature(key);
    }

    /** The value of one signature: {@code v1,<base64>}. */
    public String sign(String id, long timestamp, byte[] body) {
        return "v1," + Base64.getEncoder().encodeToString(mac(id, timestamp, body));
    }

    /**
     * True when any {@code v1,} signature of the header is the one of these bytes. Every candidate is
     * compared, in constant time, whether or not an earlier one matched.
     */
    public boolean matchesAny(String signatureHeader, String id, long timestamp, byte[] body) {
        if (signatureHeader == null) {
            return false;
        }
        byte[] expected = mac(id, timestamp, body);
        boolean matched = false;
        for (String candidate : List.of(signatureHeader.trim().split(" +"))) {
            if (!candidate.startsWith("v1,")) {
                continue;
            }
            byte[] presented;
            try {
                presented = Base64.getDecoder().decode(candidate.substring(3));
            } catch (IllegalArgumentException e) {
                continue;
            }
            matched |= MessageDigest.isEqual(expected, presented);
        }
        return matched;
    }

    private byte[] mac(String id, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
