package org.replkit.chaos.proxy;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.NetworkAddressRules;
import com.github.tomakehurst.wiremock.common.Slf4jNotifier;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A fault-injecting HTTP proxy between the sender and one receiver instance, on WireMock, in
 * process and on loopback only. It forwards each request to the receiver and applies the
 * {@link WireFault} in force when the request arrived: a delay before forwarding, a lost
 * acknowledgement (connection reset after the receiver answered), a black hole, a reset of every
 * connection (an unreachable receiver), or a 503, a 429 with Retry-After or a 410 in the
 * receiver's place. Every request it handles is reported as an {@link Exchange}.
 *
 * <p>Each fault is a version of one stub ({@link FaultStubs}); the extensions note what happens to
 * each request and {@link ExchangeRecorder} reports it.
 */
public final class FaultProxy implements AutoCloseable {

    /** How long the proxy waits for a receiver's answer; far beyond any sender timeout. */
    private static final int ANSWER_TIMEOUT_MS = 120_000;
    /** Requests held at once (delays, black holes) each take one of the server's threads. */
    private static final int THREADS = 256;

    private final String lane;
    private final String origin;
    private final WireMockServer server;
    private final ExchangeRecorder recorder;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile WireFault fault = WireFault.PASS;

    private FaultProxy(String lane, InetSocketAddress receiver, Consumer<Exchange> log) {
        if (!receiver.getAddress().isLoopbackAddress()) {
            throw new IllegalArgumentException("the fault proxy only connects to loopback addresses, not " + receiver);
        }
        this.lane = lane;
        this.origin = "http://" + receiver.getAddress().getHostAddress() + ":" + receiver.getPort();
        SenderConnections connections = new SenderConnections();
        ExchangeNotes notes = new ExchangeNotes();
        this.recorder = new ExchangeRecorder(lane, connections, notes, log);
        this.server = new WireMockServer(options()
                .bindAddress("127.0.0.1")
                .dynamicPort()
                .http2PlainDisabled(true) // the sender speaks HTTP/1.1
                .containerThreads(THREADS)
                .jettyIdleTimeout((long) ANSWER_TIMEOUT_MS)
                .jettyStopTimeout(1_000L)
                .proxyTimeout(ANSWER_TIMEOUT_MS)
                // a new receiver connection per request: a request is never sent on a kept-alive
                // connection the receiver closed meanwhile (a failure no fault caused)
                .disableConnectionReuse(true)
                .limitProxyTargets(NetworkAddressRules.builder().allow("127.0.0.0-127.255.255.255").build())
                .gzipDisabled(true)
                .disableRequestJournal() // the recorder keeps what the checkers need
                .networkTrafficListener(connections)
                .notifier(new Slf4jNotifier(false))
                .extensions(new HoldThenForward(notes, closed), new ReceiverAnswer(notes),
                        recorder));
        server.start();
        server.stubFor(FaultStubs.stub(WireFault.PASS, origin));
    }

    /**
     * Starts a proxy on a free loopback port in front of {@code receiver} (a loopback address).
     *
     * @param log receives every exchange once it has ended; called from the proxy's threads
     */
    public static FaultProxy start(String lane, InetSocketAddress receiver, Consumer<Exchange> log) {
        return new FaultProxy(lane, receiver, log);
    }

    public String lane() {
        return lane;
    }

    public int port() {
        return server.port();
    }

    /** The URL the sender should use instead of the receiver's: same path, this proxy's port. */
    public String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    /** Sets the fault for requests that arrive from now on. */
    public synchronized void set(WireFault newFault) {
        server.editStub(FaultStubs.stub(newFault, origin));
        this.fault = newFault;
    }

    public WireFault fault() {
        return fault;
    }

    /** Requests being handled right now (held, delayed, or waiting for the receiver). */
    public int inProgress() {
        return recorder.inProgress();
    }

    @Override
    public void close() {
        closed.set(true);
        server.stop();
    }
}
