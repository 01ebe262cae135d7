package org.replkit.chaos.proxy;

import org.replkit.spec.SyncHeaders;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PushbackInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.replkit.chaos.proxy.Exchange.Outcome;

/**
 * A fault-injecting HTTP/1.1 proxy between the sender and one receiver instance, in process and on
 * loopback only. It forwards each request on its own connection to the receiver and applies the
 * {@link WireFault} in force when the request arrived: a delay, a lost acknowledgement (connection
 * reset after the receiver answered), a black hole, a reset of every connection (an unreachable
 * receiver), or a 503, a 429 with Retry-After or a 410 in the receiver's place. Every request
 * it handles is reported as an {@link Exchange}.
 *
 * <p>Blocking sockets, one thread per sender connection: the sender opens a handful at a time.
 */
public final class FaultProxy implements AutoCloseable {

    private static final int CONNECT_TIMEOUT_MS = 2_000;
    /** How long the proxy waits for a receiver's answer; far beyond any sender timeout. */
    private static final int ANSWER_TIMEOUT_MS = 120_000;
    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
    private static final String UNAVAILABLE_BODY =
            "{\"status\":\"error\",\"error\":\"unavailable\",\"message\":\"service unavailable (fault injected by the kit's proxy)\"}";
    private static final String OVERLOADED_BODY =
            "{\"status\":\"error\",\"error\":\"rate_limited\",\"message\":\"too many requests (fault injected by the kit's proxy)\"}";
    private static final String GONE_BODY =
            "{\"status\":\"error\",\"error\":\"gone\",\"message\":\"this instance was removed (fault injected by the kit's proxy)\"}";

    private final String lane;
    private final InetSocketAddress receiver;
    private final Consumer<Exchange> log;
    private final ServerSocket server;
    private final ExecutorService threads;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicLong connections = new AtomicLong();
    private final java.util.concurrent.atomic.AtomicInteger inProgress = new java.util.concurrent.atomic.AtomicInteger();
    private volatile WireFault fault = WireFault.PASS;
    private volatile boolean closed;

    private FaultProxy(String lane, InetSocketAddress receiver, Consumer<Exchange> log) throws IOException {
        if (!receiver.getAddress().isLoopbackAddress()) {
            throw new IllegalArgumentException("the fault proxy only connects to loopback addresses, not " + receiver);
        }
        this.lane = lane;
        this.receiver = receiver;
        this.log = log;
        this.server = new ServerSocket(0, 64, InetAddress.getLoopbackAddress());
        this.threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fault-proxy-" + lane);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts a proxy on a free loopback port in front of {@code receiver} (a loopback address).
     *
     * @param log receives every exchange once it has ended; called from the proxy's threads
     */
    public static FaultProxy start(String lane, InetSocketAddress receiver, Consumer<Exchange> log) {
        try {
            FaultProxy proxy = new FaultProxy(lane, receiver, log);
            proxy.threads.execute(proxy::acceptLoop);
            return proxy;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the fault proxy: " + e.getMessage(), e);
        }
    }

    public String lane() {
        return lane;
    }

    public int port() {
        return server.getLocalPort();
    }

    /** The URL the sender should use instead of the receiver's: same path, this proxy's port. */
    public String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    /** Sets the fault for requests that arrive from now on. */
    public void set(WireFault newFault) {
        this.fault = newFault;
    }

    public WireFault fault() {
        return fault;
    }

    /** Requests being handled right now (held, delayed, or waiting for the receiver). */
    public int inProgress() {
        return inProgress.get();
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        open.forEach(FaultProxy::closeQuietly);
        threads.shutdownNow();
        try {
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = server.accept();
                open.add(client);
                long id = connections.incrementAndGet();
                threads.execute(() -> serve(client, id));
            } catch (IOException e) {
                if (!closed) {
                    sleepQuietly(50);
                }
            } catch (java.util.concurrent.RejectedExecutionException e) {
                return;
            }
        }
    }

    /** One sender connection: request after request until it closes or a fault ends it. */
    private void serve(Socket client, long connection) {
        Upstream upstream = new Upstream();
        try {
            client.setTcpNoDelay(true);
            PushbackInputStream in = new PushbackInputStream(new BufferedInputStream(client.getInputStream()), 1);
            OutputStream out = new BufferedOutputStream(client.getOutputStream());
            while (!closed) {
                HttpWire.Message head = HttpWire.readRequestHead(in);
                if (head == null) {
                    return;
                }
                boolean expectsContinue = head.header("Expect").map(v -> v.equalsIgnoreCase("100-continue")).orElse(false);
                if (expectsContinue) {
                    out.write(CONTINUE);
                    out.flush();
                }
                boolean keepGoing;
                inProgress.incrementAndGet();
                try {
                    HttpWire.Message request = HttpWire.readRequestBody(in, head).without("Expect");
                    WireFault applied = fault;
                    Instant received = Instant.now();
                    keepGoing = handle(request, applied, received, connection, client, in, out, upstream)
                            && !request.wantsClose();
                } finally {
                    inProgress.decrementAndGet();
                }
                if (!keepGoing) {
                    return;
                }
            }
        } catch (IOException e) {
            // the sender closed or reset its connection between requests: nothing to report
        } finally {
            upstream.close();
            open.remove(client);
            closeQuietly(client);
        }
    }

    /** Applies the fault to one request; false when the sender's connection is finished with. */
    private boolean handle(HttpWire.Message request, WireFault applied, Instant received, long connection, Socket client,
                           PushbackInputStream in, OutputStream out, Upstream upstream) throws IOException {
        Record r = new Record(request, applied, received, connection);
        switch (applied.kind()) {
            case HOLD -> {
                // Never answer: wait until the sender gives up and closes, or the proxy closes.
                try {
                    while (in.read() >= 0) {
                        // a sender does not send more on a connection waiting for an answer
                    }
                } catch (IOException ignored) {
                    // reset by the sender: it gave up
                }
                report(r, null, null, null, Outcome.HELD, null);
                return false;
            }
            case ANSWER_503 -> {
                answer(out, "503 Service Unavailable", "", UNAVAILABLE_BODY);
                report(r, null, null, null, Outcome.PROXY_503, null);
                return true;
            }
            case ANSWER_429 -> {
                answer(out, "429 Too Many Requests", "Retry-After: " + applied.retryAfterSeconds() + "\r\n", OVERLOADED_BODY);
                report(r, null, null, null, Outcome.PROXY_429, "Retry-After: " + applied.retryAfterSeconds());
                return true;
            }
            case ANSWER_410 -> {
                answer(out, "410 Gone", "", GONE_BODY);
                report(r, null, null, null, Outcome.PROXY_410, null);
                return true;
            }
            case REFUSE -> {
                reset(client);
                report(r, null, null, null, Outcome.REFUSED, null);
                return false;
            }
            case DELAY -> {
                sleepQuietly(applied.delayMillis());
                if (closed) {
                    return false;
                }
            }
            default -> {
                // PASS and RESET_AFTER_ANSWER forward at once
            }
        }
        Instant forwarded = Instant.now();
        HttpWire.Message answer;
        try {
            answer = upstream.exchange(request);
        } catch (IOException e) {
            report(r, forwarded, null, null, Outcome.RECEIVER_UNREACHABLE, e.getMessage());
            reset(client);
            return false;
        }
        Integer status = answer.status();
        if (applied.kind() == WireFault.Kind.RESET_AFTER_ANSWER) {
            reset(client);
            report(r, forwarded, status, answer.body(), Outcome.RESET_AFTER_ANSWER, null);
            return false;
        }
        if (applied.kind() == WireFault.Kind.DELAY && senderClosed(client, in)) {
            report(r, forwarded, status, answer.body(), Outcome.SENDER_GONE, null);
            return false;
        }
        try {
            answer.writeTo(out);
        } catch (IOException e) {
            report(r, forwarded, status, answer.body(), Outcome.SENDER_GONE, e.getMessage());
            return false;
        }
        report(r, forwarded, status, answer.body(),
                applied.kind() == WireFault.Kind.DELAY ? Outcome.ANSWERED_LATE : Outcome.ANSWERED, null);
        return !answer.closeDelimited(); // an answer that ends with the connection ends the sender's too
    }

    /** An answer given in the receiver's place. */
    private static void answer(OutputStream out, String statusLine, String extraHeaders, String jsonBody) throws IOException {
        byte[] body = jsonBody.getBytes(StandardCharsets.UTF_8);
        out.write(("HTTP/1.1 " + statusLine + "\r\nContent-Type: application/json\r\n" + extraHeaders + "Content-Length: "
                + body.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
    }

    private record Record(HttpWire.Message request, WireFault fault, Instant received, long connection) {}

    private void report(Record r, Instant forwarded, Integer status, byte[] answerBody, Outcome outcome, String detail) {
        HttpWire.Message q = r.request();
        log.accept(new Exchange(lane, r.connection(), r.received(), q.method(), q.target(),
                q.header(SyncHeaders.RECORD_ID).orElse(null), q.header(SyncHeaders.EVENT_TYPE).orElse(null), q.body(),
                r.fault(), forwarded, status, answerBody, outcome, detail, Instant.now()));
    }

    /** Whether the sender has closed its side (it gave up waiting); peeks without losing a byte. */
    private static boolean senderClosed(Socket client, PushbackInputStream in) {
        try {
            int previous = client.getSoTimeout();
            client.setSoTimeout(1);
            try {
                int b = in.read();
                if (b < 0) {
                    return true;
                }
                in.unread(b);
                return false;
            } catch (SocketTimeoutException e) {
                return false;
            } finally {
                client.setSoTimeout(previous);
            }
        } catch (IOException e) {
            return true;
        }
    }

    /** Closes with a TCP reset (SO_LINGER 0), as a crashed peer or a middlebox would. */
    private static void reset(Socket client) {
        try {
            client.setSoLinger(true, 0);
        } catch (SocketException ignored) {
            // already closed
        }
        closeQuietly(client);
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }

    private void sleepQuietly(long millis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (!closed) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            try {
                TimeUnit.NANOSECONDS.sleep(Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * The receiver side: a new connection for every request ({@code Connection: close}), so that a
     * request is never sent twice on a kept-alive connection the receiver closed in the meantime.
     */
    private final class Upstream {
        private Socket socket;

        HttpWire.Message exchange(HttpWire.Message request) throws IOException {
            close();
            Socket s = new Socket();
            socket = s;
            open.add(s);
            s.connect(receiver, CONNECT_TIMEOUT_MS);
            s.setSoTimeout(ANSWER_TIMEOUT_MS);
            s.setTcpNoDelay(true);
            OutputStream out = new BufferedOutputStream(s.getOutputStream());
            request.without("Connection").withHeader("Connection", "close").writeTo(out);
            HttpWire.Message answer = HttpWire.readResponse(new BufferedInputStream(s.getInputStream()), request.method());
            close();
            return answer.without("Connection");
        }

        void close() {
            if (socket != null) {
                open.remove(socket);
                closeQuietly(socket);
                socket = null;
            }
        }
    }
}
