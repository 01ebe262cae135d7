package org.replkit.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    /** Standard Webhooks' published test vector; the SQL signer reproduces it too (pg-image SigningTest). */
    static final String KEY = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    static final long TIMESTAMP = 1614265330L;
    static final byte[] BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
    static final String EXPECTED = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    @Test
    void signsThePublishedVector() {
        assertEquals(EXPECTED, WebhookSignature.fromSecret(KEY).sign(ID, TIMESTAMP, BODY));
    }

    @Test
    void verifiesThePublishedVectorAmongSeveral() {
        WebhookSignature s = WebhookSignature.fromSecret(KEY);
        assertTrue(s.matchesAny(EXPECTED, ID, TIMESTAMP, BODY));
        assertTrue(s.matchesAny("v1,AAAA v1a,xyz " + EXPECTED, ID, TIMESTAMP, BODY));
    }

    @Test
    void refusesAnyChangeOfIdTimestampOrBody() {
        WebhookSignature s = WebhookSignature.fromSecret(KEY);
        assertFalse(s.matchesAny(EXPECTED, ID + "x", TIMESTAMP, BODY));
        assertFalse(s.matchesAny(EXPECTED, ID, TIMESTAMP + 1, BODY));
        assertFalse(s.matchesAny(EXPECTED, ID, TIMESTAMP, "{\"test\":2432232314}".getBytes(StandardCharsets.UTF_8)));
        assertFalse(s.matchesAny(null, ID, TIMESTAMP, BODY));
        assertFalse(s.matchesAny("v1,not base64!", ID, TIMESTAMP, BODY));
    }

    @Test
    void refusesSecretsThatAreNotWhsecBase64OfAtLeast24Bytes() {
        assertThrows(IllegalArgumentException.class, () -> WebhookSignature.fromSecret("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"));
        assertThrows(IllegalArgumentException.class, () -> WebhookSignature.fromSecret("whsec_@@@"));
        IllegalArgumentException shortKey = assertThrows(IllegalArgumentException.class, () -> WebhookSignature.fromSecret("whsec_c2hvcnQ="));
        assertFalse(shortKey.getMessage().contains("c2hvcnQ"), "the message never repeats the secret");
    }
}
