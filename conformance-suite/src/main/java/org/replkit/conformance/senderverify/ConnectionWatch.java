package org.replkit.conformance.senderverify;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A TCP relay in front of a scripted receiver that sees what HTTP servers hide: the moment the sender
 * closes a connection while its request still waits for an answer (it gave up: its timeout). It
 * passes bytes through unchanged and parses nothing; a request is "waiting" from its first bytes
 * until the first bytes of the answer.
 */
public final class ConnectionWatch implements AutoCloseable {

    /** The sender closed the connection {@code closedAt} while the request sent at {@code sentAt} waited. */
    public record GiveUp(Instant sentAt, Instant closedAt) {
        public long afterMillis() {
            return java.time.Duration.between(sentAt, closedAt).toMillis();
        }
    }

    private final ServerSocket listener;
    private final int targetPort;
    private final List<GiveUp> giveUps = new ArrayList<>();
    private final List<Socket> open = new ArrayList<>();
    private volatile boolean closed;

    public ConnectionWatch(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.listener = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "connection-watch-" + listener.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** The same path, through this relay. */
    public String through(String url) {
        return url.replaceFirst("^http://127\\.0\\.0\\.1:\\d+", "http://127.0.0.1:" + port());
    }

    public synchronized List<GiveUp> giveUps() {
        return List.copyOf(giveUps);
    }

    private synchronized void gaveUp(GiveUp g) {
        giveUps.add(g);
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                synchronized (this) {
                    open.add(client);
                    open.add(server);
                }
                AtomicReference<Instant> waiting = new AtomicReference<>();
                AtomicBoolean receiverClosed = new AtomicBoolean();
                pump(client, server, true, waiting, receiverClosed);
                pump(server, client, false, waiting, receiverClosed);
            } catch (IOException e) {
                if (!closed) {
                    // One failed connection (the receiver behind refused it): the next one may work.
                    continue;
                }
            }
        }
    }

    /**
     * Copies one direction of a connection. The sender's side records a give-up when it ends (the
     * sender closed) while its request waits and the receiver had not closed first; that is decided
     * before either socket is closed, since closing one ends the other direction's copy too.
     */
    private void pump(Socket from, Socket to, boolean fromSender, AtomicReference<Instant> waiting,
                      AtomicBoolean receiverClosed) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                int n;
                while ((n = in.read(buffer)) > 0) {
                    if (fromSender) {
                        waiting.compareAndSet(null, Instant.now());
                    } else {
                        waiting.set(null);
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // A reset or a socket closed by the other direction ends the copy too.
            }
            Instant ended = Instant.now();
            if (fromSender) {
                Instant sent = waiting.getAndSet(null);
                if (sent != null && !receiverClosed.get()) {
                    gaveUp(new GiveUp(sent, ended));
                }
            } else {
                receiverClosed.set(true);
            }
            quietly(from);
            quietly(to);
        }, "connection-watch-pump");
        t.setDaemon(true);
        t.start();
    }

    private static void quietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException ignored) {
            // already closed
        }
        synchronized (this) {
            open.forEach(ConnectionWatch::quietly);
        }
    }
}
