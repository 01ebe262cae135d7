package org.replkit.chaos.proxy;

import com.github.tomakehurst.wiremock.http.trafficlistener.WiremockNetworkTrafficListener;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Numbers the sender's connections to the proxy and tells each request which one it came on.
 * WireMock's serve events do not name their connection, but Jetty handles a request on the
 * thread that read its head from the connection (WireMock's traffic listener sees that read), so
 * the last connection read on a thread is the one of the request that thread is handling.
 */
final class SenderConnections implements WiremockNetworkTrafficListener {

    private final AtomicLong opened = new AtomicLong();
    private final Map<Socket, SenderConnection> open = new ConcurrentHashMap<>();
    private final ThreadLocal<SenderConnection> lastRead = ThreadLocal.withInitial(() -> SenderConnection.UNKNOWN);

    /** The connection of the request the calling (request-handling) thread is serving. */
    SenderConnection current() {
        return lastRead.get();
    }

    @Override
    public void opened(Socket socket) {
        open.put(socket, new SenderConnection(opened.incrementAndGet(), socket));
    }

    @Override
    public void incoming(Socket socket, ByteBuffer bytes) {
        SenderConnection c = open.get(socket);
        if (c != null) {
            lastRead.set(c);
        }
    }

    @Override
    public void outgoing(Socket socket, ByteBuffer bytes) {
        // nothing to note
    }

    @Override
    public void closed(Socket socket) {
        open.remove(socket);
    }
}
