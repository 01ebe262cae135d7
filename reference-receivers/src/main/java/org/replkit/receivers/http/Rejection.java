package org.replkit.receivers.http;

/**
 * A request the receiver will not store, with the status and error body it is answered with.
 * Thrown by the request checks and turned into a response in one place ({@link JsonResponses}).
 */
public final class Rejection extends RuntimeException {

    private final int status;
    private final String code;

    public Rejection(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    static Rejection badRequest(String code, String message) {
        return new Rejection(400, code, message);
    }
}
