package org.replkit.chaos.proxy;

import java.time.Instant;

/**
 * One request the proxy handled, as seen on the wire: what the sender sent, what the proxy did, what
 * the receiver answered (if it saw the request) and what reached the sender.
 *
 * @param lane             the proxy's name (one per receiver instance)
 * @param connection       the sender connection it came on (numbered per proxy)
 * @param received         when the whole request had been read
 * @param recordId         X-Sync-Record-Id, or null
 * @param eventType        X-Sync-Event-Type, or null
 * @param requestBody      the body as sent by the sender
 * @param fault            the fault in force when the request arrived
 * @param forwarded        when it was passed to the receiver, or null if it never was
 * @param receiverStatus   the receiver's status, or null when it gave none
 * @param receiverBody     the receiver's body, or null
 * @param outcome          what the sender got
 * @param detail           an error text where there is one, else null
 * @param done             when the exchange ended
 */
public record Exchange(String lane, long connection, Instant received, String method, String target, String recordId,
                       String eventType, byte[] requestBody, WireFault fault, Instant forwarded, Integer receiverStatus,
                       byte[] receiverBody, Outcome outcome, String detail, Instant done) {

    /** What the sender got. */
    public enum Outcome {
        /** the receiver's answer, in time as far as the proxy knows */
        ANSWERED,
        /** the receiver answered after the delay; the sender may have given up by then */
        ANSWERED_LATE,
        /** the receiver answered after the delay, but the sender had already closed the connection */
        SENDER_GONE,
        /** the receiver answered; the proxy reset the sender's connection instead of passing the answer on */
        RESET_AFTER_ANSWER,
        /** no answer at all (black hole) until the sender closed the connection */
        HELD,
        /** the proxy answered 503; the receiver never saw the request */
        PROXY_503,
        /** the proxy answered 429 with a Retry-After; the receiver never saw the request */
        PROXY_429,
        /** the proxy answered 410 Gone; the receiver never saw the request */
        PROXY_410,
        /** the proxy reset the connection once the request was read (an unreachable receiver); the receiver never saw it */
        REFUSED,
        /** the receiver could not be reached, or dropped the connection; the sender's connection was reset */
        RECEIVER_UNREACHABLE
    }
}
