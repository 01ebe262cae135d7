package org.replkit.chaos.proxy;

/**
 * What the fault proxy does to the requests that arrive while it is set. The fault in force when a
 * request has been read is the one applied to it, for its whole exchange.
 *
 * @param kind        what happens
 * @param delayMillis for {@link Kind#DELAY}: how long the request is held before it goes on; for
 *                    {@link Kind#ANSWER_429}: the Retry-After given, in milliseconds (whole seconds on the wire)
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
        ANSWER_503,
        /** Reset the connection once the request has been read: the receiver is unreachable. */
        REFUSE,
        /** Answer 429 with a Retry-After in the receiver's place: an overloaded receiver. */
        ANSWER_429,
        /** Answer 410 Gone in the receiver's place: the instance was removed. */
        ANSWER_410
    }

    public static final WireFault PASS = new WireFault(Kind.PASS, 0);

    public WireFault {
        if ((kind == Kind.DELAY || kind == Kind.ANSWER_429) && delayMillis <= 0) {
            throw new IllegalArgumentException(kind == Kind.DELAY ? "a delay needs a positive duration" : "a 429 needs a positive Retry-After");
        }
    }

    public static WireFault delay(long millis) {
        return new WireFault(Kind.DELAY, millis);
    }

    /** 429 Too Many Requests with {@code Retry-After: seconds}. */
    public static WireFault tooManyRequests(long retryAfterSeconds) {
        return new WireFault(Kind.ANSWER_429, retryAfterSeconds * 1000);
    }

    /** The Retry-After of an {@link Kind#ANSWER_429}, in whole seconds. */
    public long retryAfterSeconds() {
        return delayMillis / 1000;
    }

    public static WireFault of(Kind kind) {
        return new WireFault(kind, 0);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case DELAY -> "delay " + delayMillis + " ms";
            case ANSWER_429 -> "answer_429 retry-after " + retryAfterSeconds() + " s";
            default -> kind.name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
