package org.replkit.chaos.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.replkit.chaos.proxy.Exchange.Outcome;
import org.replkit.receivers.ReceiverOptions;
import org.replkit.receivers.ReceiverServer;
import org.replkit.receivers.record.RecordKind;

/** Each fault does on the wire what its name says, seen from the sender and from the receiver. */
class FaultProxyTest {

    private ReceiverServer receiver;
    private FaultProxy proxy;
    private final List<Exchange> exchanges = new CopyOnWriteArrayList<>();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void start() {
        receiver = ReceiverServer.start(ReceiverOptions.embedded());
        proxy = FaultProxy.start("patterns", new InetSocketAddress("127.0.0.1", receiver.port()), exchanges::add);
    }

    @AfterEach
    void stop() {
        proxy.close();
        receiver.close();
    }

    @Test
    void withoutAFaultTheReceiversAnswerPassesThrough() throws Exception {
        UUID id = UUID.randomUUID();
        HttpResponse<String> answer = send(id, Duration.ofSeconds(5));
        assertEquals(200, answer.statusCode());
        assertTrue(answer.body().contains(id.toString()), answer.body());
        assertTrue(stored(id));
        Exchange e = awaitExchange();
        assertEquals(Outcome.ANSWERED, e.outcome());
        assertEquals(id.toString(), e.recordId());
        assertEquals(200, e.receiverStatus());
        assertTrue(senderGotAcknowledgement(e));
    }

    @Test
    void keptAliveConnectionsCarryManyRequests() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertEquals(200, send(UUID.randomUUID(), Duration.ofSeconds(5)).statusCode());
        }
        awaitExchanges(5);
        assertEquals(1, exchanges.stream().mapToLong(Exchange::connection).distinct().count(), "one sender connection");
    }

    @Test
    void requestsOnTwoConnectionsAreNumberedApart() throws Exception {
        assertEquals(200, sendOnNewConnection(UUID.randomUUID(), Duration.ofSeconds(5)).statusCode());
        assertEquals(200, sendOnNewConnection(UUID.randomUUID(), Duration.ofSeconds(5)).statusCode());
        awaitExchanges(2);
        assertEquals(2, exchanges.stream().mapToLong(Exchange::connection).filter(c -> c > 0).distinct().count());
    }

    @Test
    void a503IsAnsweredInTheReceiversPlaceAndTheReceiverSeesNothing() throws Exception {
        proxy.set(WireFault.of(WireFault.Kind.ANSWER_503));
        UUID id = UUID.randomUUID();
        HttpResponse<String> answer = send(id, Duration.ofSeconds(5));
        assertEquals(503, answer.statusCode());
        assertTrue(answer.body().contains("\"status\":\"error\""));
        assertTrue(!stored(id));
        Exchange e = awaitExchange();
        assertEquals(Outcome.PROXY_503, e.outcome());
        assertNull(e.forwarded());
    }

    @Test
    void anOverloadAnswers429WithRetryAfterInTheReceiversPlace() throws Exception {
        proxy.set(WireFault.tooManyRequests(7));
        UUID id = UUID.randomUUID();
        HttpResponse<String> answer = send(id, Duration.ofSeconds(5));
        assertEquals(429, answer.statusCode());
        assertEquals("7", answer.headers().firstValue("Retry-After").orElse(null));
        assertTrue(!stored(id));
        Exchange e = awaitExchange();
        assertEquals(Outcome.PROXY_429, e.outcome());
        assertNull(e.forwarded());
    }

    @Test
    void aGoneInstanceAnswers410() throws Exception {
        proxy.set(WireFault.of(WireFault.Kind.ANSWER_410));
        UUID id = UUID.randomUUID();
        assertEquals(410, send(id, Duration.ofSeconds(5)).statusCode());
        assertTrue(!stored(id));
        assertEquals(Outcome.PROXY_410, awaitExchange().outcome());
    }

    @Test
    void anUnreachableReceiverResetsEveryConnectionAndSeesNothing() throws Exception {
        proxy.set(WireFault.of(WireFault.Kind.REFUSE));
        UUID id = UUID.randomUUID();
        assertThrows(IOException.class, () -> send(id, Duration.ofSeconds(5)));
        assertTrue(!stored(id));
        Exchange e = awaitExchange();
        assertEquals(Outcome.REFUSED, e.outcome());
        assertNull(e.forwarded());
    }

    @Test
    void aLostAcknowledgementMeansStoredButTheSenderSeesAReset() throws Exception {
        proxy.set(WireFault.of(WireFault.Kind.RESET_AFTER_ANSWER));
        UUID id = UUID.randomUUID();
        assertThrows(IOException.class, () -> send(id, Duration.ofSeconds(5)));
        assertTrue(stored(id), "the receiver stored it");
        Exchange e = awaitExchange();
        assertEquals(Outcome.RESET_AFTER_ANSWER, e.outcome());
        assertEquals(200, e.receiverStatus());
        assertTrue(receiverAcknowledged(e) && !senderGotAcknowledgement(e));
    }

    @Test
    void aBlackHoleNeverAnswersNorForwards() throws Exception {
        proxy.set(WireFault.of(WireFault.Kind.HOLD));
        UUID id = UUID.randomUUID();
        assertThrows(HttpTimeoutException.class, () -> send(id, Duration.ofMillis(700)));
        assertTrue(!stored(id));
        proxy.set(WireFault.PASS);
        Exchange e = awaitExchange();
        assertEquals(Outcome.HELD, e.outcome());
        assertNull(e.receiverStatus());
        assertTrue(Duration.between(e.received(), e.done()).toMillis() >= 600, "held until the sender hung up at its 700 ms timeout");
    }

    @Test
    void aDelayBeyondTheSendersTimeoutStillDeliversTheRequestLate() throws Exception {
        proxy.set(WireFault.delay(1_500));
        UUID id = UUID.randomUUID();
        long start = System.nanoTime();
        assertThrows(HttpTimeoutException.class, () -> send(id, Duration.ofMillis(500)));
        assertTrue(!stored(id), "not yet");
        Exchange e = awaitExchange();
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() >= 1_500);
        assertTrue(stored(id), "arrived after the sender gave up");
        assertEquals(200, e.receiverStatus());
    }

    @Test
    void aSenderThatHungUpBeforeTheDelayedAnswerIsRecordedAsGone() throws Exception {
        proxy.set(WireFault.delay(1_500));
        UUID id = UUID.randomUUID();
        assertThrows(HttpTimeoutException.class, () -> sendOnNewConnection(id, Duration.ofMillis(500)));
        Exchange e = awaitExchange();
        assertEquals(Outcome.SENDER_GONE, e.outcome(), "the sender closed at its timeout, before the receiver's answer");
        assertEquals(200, e.receiverStatus());
        assertTrue(receiverAcknowledged(e) && !senderGotAcknowledgement(e));
    }

    @Test
    void aSenderThatWaitsOutTheDelayGetsTheAnswerLate() throws Exception {
        proxy.set(WireFault.delay(300));
        UUID id = UUID.randomUUID();
        assertEquals(200, send(id, Duration.ofSeconds(10)).statusCode());
        Exchange e = awaitExchange();
        assertEquals(Outcome.ANSWERED_LATE, e.outcome());
        assertTrue(senderGotAcknowledgement(e));
    }

    @Test
    void anUnreachableReceiverResetsTheSendersConnection() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        try (FaultProxy toNowhere = FaultProxy.start("metrics", new InetSocketAddress("127.0.0.1", closedPort), exchanges::add)) {
            HttpRequest request = request(URI.create(toNowhere.url("/sync/patterns")), UUID.randomUUID(), Duration.ofSeconds(5));
            assertThrows(IOException.class, () -> client.send(request, HttpResponse.BodyHandlers.ofString()));
            assertEquals(Outcome.RECEIVER_UNREACHABLE, awaitExchange().outcome());
        }
    }

    @Test
    void onlyLoopbackReceiversAreAccepted() {
        assertThrows(IllegalArgumentException.class,
                () -> FaultProxy.start("x", new InetSocketAddress("192.0.2.1", 80), exchanges::add));
    }

    @Test
    void chunkedBodiesAndExpectContinueAreFramedCorrectly() throws Exception {
        UUID id = UUID.randomUUID();
        byte[] body = pattern(id).getBytes(StandardCharsets.UTF_8);
        try (Socket s = new Socket("127.0.0.1", proxy.port())) {
            s.setSoTimeout(5_000);
            OutputStream out = s.getOutputStream();
            out.write(("POST /sync/patterns HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "X-Sync-Record-Id: " + id + "\r\nTransfer-Encoding: chunked\r\nExpect: 100-continue\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            assertTrue(readUntilBlankLine(in).startsWith("HTTP/1.1 100"));
            int half = body.length / 2;
            out.write((Integer.toHexString(half) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(body, 0, half);
            out.write(("\r\n" + Integer.toHexString(body.length - half) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(body, half, body.length - half);
            out.write("\r\n0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            assertTrue(readUntilBlankLine(in).startsWith("HTTP/1.1 200"));
        }
        assertTrue(stored(id));
        assertEquals(new String(body, StandardCharsets.UTF_8), new String(awaitExchange().requestBody(), StandardCharsets.UTF_8));
    }

    private HttpResponse<String> send(UUID id, Duration timeout) throws IOException, InterruptedException {
        return client.send(request(URI.create(proxy.url("/sync/patterns")), id, timeout), HttpResponse.BodyHandlers.ofString());
    }

    /** On a connection of its own, which the client closes at its timeout (as the sender does). */
    private HttpResponse<String> sendOnNewConnection(UUID id, Duration timeout) throws IOException, InterruptedException {
        HttpClient own = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        return own.send(request(URI.create(proxy.url("/sync/patterns")), id, timeout), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest request(URI uri, UUID id, Duration timeout) {
        return HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Content-Type", "application/json")
                .header("X-Sync-Event-Type", "INSERT")
                .header("X-Sync-Table", "approved_patterns")
                .header("X-Sync-Record-Id", id.toString())
                .POST(HttpRequest.BodyPublishers.ofString(pattern(id))).build();
    }

    static String pattern(UUID id) {
        return "{\"id\":\"" + id + "\",\"name\":\"p\",\"ecosystem\":\"elixir\",\"frequency\":1,\"confidence\":0.5,"
                + "\"inserted_at\":\"2026-01-01T00:00:00Z\",\"updated_at\":\"2026-01-01T00:00:00Z\"}";
    }

    private boolean stored(UUID id) {
        return receiver.store().find(RecordKind.PATTERNS, id).isPresent();
    }

    private Exchange awaitExchange() throws InterruptedException {
        awaitExchanges(1);
        return exchanges.get(exchanges.size() - 1);
    }

    private void awaitExchanges(int n) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (exchanges.size() < n && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(exchanges.size() >= n, "exchanges reported: " + exchanges.size());
    }

    private static String readUntilBlankLine(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        while (!b.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                break;
            }
            b.append((char) c);
        }
        // skip a Content-Length body, if any, so the next read starts at the next message
        String head = b.toString();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)").matcher(head);
        if (m.find()) {
            in.readNBytes(Integer.parseInt(m.group(1)));
        }
        return head;
    }

    /** True when the receiver answered with a 2xx (whether or not the sender heard it). */
    private static boolean receiverAcknowledged(Exchange e) {
        return e.receiverStatus() != null && e.receiverStatus() >= 200 && e.receiverStatus() < 300;
    }

    /** True when the sender was handed the receiver's 2xx. */
    private static boolean senderGotAcknowledgement(Exchange e) {
        return receiverAcknowledged(e) && (e.outcome() == Exchange.Outcome.ANSWERED || e.outcome() == Exchange.Outcome.ANSWERED_LATE);
    }
}
