package org.replkit.receivers.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.replkit.receivers.ReceiverOptions;
import org.replkit.receivers.ReceiverServer;
import org.replkit.receivers.record.RecordKind;
import org.replkit.receivers.testsupport.Records;
import org.replkit.spec.WebhookSignature;

/** The reference receivers with a signing secret: each behaviour of the Standard Webhooks gate, in a throwaway server. */
class SignatureCheckTest {

    static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString("reference-receivers-test-key-32b".getBytes(StandardCharsets.UTF_8));
    static final String OTHER = "whsec_" + Base64.getEncoder().encodeToString("some-other-key-of-thirty-two-by!".getBytes(StandardCharsets.UTF_8));

    private final HttpClient client = HttpClient.newHttpClient();
    private ReceiverServer server;
    private byte[] compact;

    @BeforeEach
    void start() {
        ObjectNode record = Records.pattern();
        record.put("ecosystem", "elixir");
        compact = record.toString().getBytes(StandardCharsets.UTF_8);
        server = ReceiverServer.start(ReceiverOptions.embedded().withSigningSecret(SECRET));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aDeliverySignedWithTheSecretIsStored() throws Exception {
        assertEquals(200, post(compact(), "msg_1", now(), sign(SECRET, "msg_1", now(), compact())));
        assertEquals(1, stored());
    }

    @Test
    @Tag("SIG-REQ-01")
    void aDeliveryWithoutSignatureIsRefused401AndNothingIsStored() throws Exception {
        assertEquals(401, post(compact(), null, null, null));
        assertEquals(401, post(compact(), "msg_1", now(), null));
        assertEquals(0, stored());
    }

    @Test
    @Tag("SIG-KEY-01")
    void aSignatureMadeWithAnotherKeyOrNotASignatureIsRefused() throws Exception {
        assertEquals(401, post(compact(), "msg_1", now(), sign(OTHER, "msg_1", now(), compact())));
        assertEquals(401, post(compact(), "msg_1", now(), "v1,not-base64!"));
        assertEquals(401, post(compact(), "msg_1", now(), "v2," + sign(SECRET, "msg_1", now(), compact()).substring(3)));
        assertEquals(0, stored());
    }

    @Test
    @Tag("SIG-BODY-01")
    void aBodyChangedAfterSigningIsRefused() throws Exception {
        byte[] signedBody = compact();
        byte[] changed = new String(signedBody, StandardCharsets.UTF_8).replace("\"elixir\"", "\"erlang\"").getBytes(StandardCharsets.UTF_8);
        assertEquals(401, post(changed, "msg_1", now(), sign(SECRET, "msg_1", now(), signedBody)));
        assertEquals(0, stored());
    }

    @Test
    @Tag("SIG-TIME-01")
    void aTimestampMoreThanFiveMinutesOffIsRefusedEvenWhenCorrectlySigned() throws Exception {
        for (long ts : new long[] {now() - 301, now() + 301}) {
            assertEquals(401, post(compact(), "msg_1", ts, sign(SECRET, "msg_1", ts, compact())));
        }
        assertEquals(401, post(compact(), "msg_1", null, sign(SECRET, "msg_1", now(), compact()), "yesterday"));
        assertEquals(0, stored());
    }

    @Test
    @Tag("SIG-ROT-01")
    void anyOneValidSignatureAmongSeveralIsAccepted() throws Exception {
        String wrong = sign(OTHER, "msg_1", now(), compact());
        String right = sign(SECRET, "msg_1", now(), compact());
        assertEquals(200, post(compact(), "msg_1", now(), wrong + " " + right));
        assertEquals(1, stored());
    }

    @Test
    @Tag("SIG-BYTES-01")
    void theSignatureIsCheckedOverTheBytesReceivedNotARecompaction() throws Exception {
        // jsonb's text, as the sender sends it: a space after every ':' and ','.
        byte[] spaced = new String(compact(), StandardCharsets.UTF_8).replace("\":", "\": ").replace(",\"", ", \"")
                .getBytes(StandardCharsets.UTF_8);
        assertEquals(200, post(spaced, "1234", now(), sign(SECRET, "1234", now(), spaced)));
        assertEquals(1, stored());
    }

    /** One valid record as compact JSON, the same bytes for the whole test. */
    private byte[] compact() {
        return compact;
    }

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }

    private static String sign(String secret, String id, long ts, byte[] body) {
        return WebhookSignature.fromSecret(secret).sign(id, ts, body);
    }

    private long stored() {
        return server.store().count(RecordKind.PATTERNS);
    }

    private int post(byte[] body, String id, Long ts, String signature) throws Exception {
        return post(body, id, ts, signature, ts == null ? null : String.valueOf(ts));
    }

    private int post(byte[] body, String id, Long ts, String signature, String timestampHeader) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.patternsUrl()))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (id != null) {
            b.header(WebhookSignature.ID, id);
        }
        if (timestampHeader != null) {
            b.header(WebhookSignature.TIMESTAMP, timestampHeader);
        }
        if (signature != null) {
            b.header(WebhookSignature.SIGNATURE, signature);
        }
        HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 401) {
            assertTrue(r.body().contains("\"invalid_signature\""), r.body());
        }
        return r.statusCode();
    }
}
