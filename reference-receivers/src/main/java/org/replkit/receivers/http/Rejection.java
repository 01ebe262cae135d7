package org.replkit.receivers.http;

/**
 * A request the receiver will not store, with the status and error body it is answered with and
 * the catalogue requirement that refuses it. Thrown by the request checks and turned into a
 * response in one place ({@link ReceiverApp}).
 */
public final class Rejection extends RuntimeException {

    private final int status;
    private final String code;
    private final String requirement;

    /**
     * @param status      the HTTP status, 4xx
     * @param code        the error body's "error" code, e.g. record_id_mismatch
     * @param requirement the requirement id of spec/requirements.yaml that the refusal enforces, e.g. SYNC-HDR-01
     * @param message     what is wrong, naming the field or header
     */
    public Rejection(int status, String code, String requirement, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.requirement = requirement;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String requirement() {
        return requirement;
    }

    static Rejection badRequest(String code, String requirement, String message) {
        return new Rejection(400, code, requirement, message);
    }
}
