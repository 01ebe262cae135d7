package org.replkit.chaos.proxy;

import java.io.IOException;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * One connection the sender opened to the proxy: its number (per proxy) and its socket, which
 * tells whether the sender has hung up.
 *
 * <p>Hand-written because WireMock cannot see it: Jetty does not read from a connection while a
 * request on it is being handled, so neither the stubs nor the serve events learn that the sender
 * gave up (its timeout closed the connection) while the proxy held a request or waited for the
 * receiver. The "sender hung up" outcome and a faithful black hole need that moment.
 *
 * @param number the sender connection's number, from 1 in the order the proxy accepted them
 */
record SenderConnection(long number, Socket socket) {

    /** A request whose connection is not known (never seen in practice): never taken for hung up. */
    static final SenderConnection UNKNOWN = new SenderConnection(0, null);

    /**
     * Whether the sender has closed or reset its side. A non-blocking read of one byte: end of
     * stream or an error means it hung up; nothing to read means it is still waiting. A sender
     * waiting for an answer sends nothing more (HTTP/1.1 without pipelining, as pg_net and its
     * stand-in send), so no byte of a later request is taken.
     */
    boolean hungUp() {
        if (socket == null) {
            return false;
        }
        SocketChannel channel = socket.getChannel();
        if (channel == null || !channel.isOpen()) {
            return socket.isClosed();
        }
        try {
            return channel.read(ByteBuffer.allocate(1)) < 0;
        } catch (IOException e) {
            return true;
        }
    }
}
