package org.replkit.chaos.proxy;

/**
 * What the fault proxy does to the requests that arrive while it is set. The fault in force when a
 * request has been read is the one applied to it, for its whole exchange.
 *
 * @param kind        what happens
 * @param delayMillis for {@link Kind#DELAY}: how long the request is held before it goes on
 */
public record WireFault(Kind kind, long delayMillis) {

    public enum Kind {
        /** Forward the request, pass the answer back. */
        PASS,
        /** Hold the request for a while, then forward it even if the sender has given up (a slow network). */
        DELAY,
        /** Forward the request, let the receiver answer, then reset the sender's connection: a lost acknowledgement. */
        RESET_AFTER_ANSWER,
        /** Accept the request and never answer or forward it: a black hole. */
        HOLD,
        /** Answer 503 in the receiver's place; the receiver never sees the request. */
        ANSWER_503
    }

    public static final WireFault PASS = new WireFault(Kind.PASS, 0);

    public WireFault {
        if (kind == Kind.DELAY && delayMillis <= 0) {
            throw new IllegalArgumentException("a delay needs a positive duration");
        }
    }

    public static WireFault delay(long millis) {
        return new WireFault(Kind.DELAY, millis);
    }

    public static WireFault of(Kind kind) {
        return new WireFault(kind, 0);
    }

    @Override
    public String toString() {
        return kind == Kind.DELAY ? "delay " + delayMillis + " ms" : kind.name().toLowerCase(java.util.Locale.ROOT);
    }
}
