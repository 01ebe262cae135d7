package org.replkit.receivers;

import org.replkit.receivers.http.AdmissionLimit;

/**
 * How to run the reference receivers.
 *
 * @param host  the address to bind (loopback by default)
 * @param port  the port; 0 picks a free one
 * @param dbUrl a PostgreSQL JDBC URL for the Postgres store, or null for the in-memory store
 * @param token a bearer token every delivery must carry, or null for none
 * @param signingSecret a Standard Webhooks secret ({@code whsec_...}) every delivery must be signed with, or null for none
 * @param admission     how many deliveries are handled at once, and how long one waits for its turn before it is shed
 *                      with 503 and Retry-After (SYNC-SHED-01)
 */
public record ReceiverOptions(String host, int port, String dbUrl, String token, String signingSecret,
                              AdmissionLimit admission) {

    public ReceiverOptions(String host, int port, String dbUrl, String token) {
        this(host, port, dbUrl, token, null);
    }

    public ReceiverOptions(String host, int port, String dbUrl, String token, String signingSecret) {
        this(host, port, dbUrl, token, signingSecret, AdmissionLimit.defaults());
    }

    public static final String LOOPBACK = "127.0.0.1";

    /** In-memory store, no token, a free loopback port: the embedded default. */
    public static ReceiverOptions embedded() {
        return new ReceiverOptions(LOOPBACK, 0, null, null, null);
    }

    public ReceiverOptions withPort(int newPort) {
        return new ReceiverOptions(host, newPort, dbUrl, token, signingSecret, admission);
    }

    public ReceiverOptions withDbUrl(String newDbUrl) {
        return new ReceiverOptions(host, port, newDbUrl, token, signingSecret, admission);
    }

    public ReceiverOptions withToken(String newToken) {
        return new ReceiverOptions(host, port, dbUrl, newToken, signingSecret, admission);
    }

    public ReceiverOptions withSigningSecret(String newSecret) {
        return new ReceiverOptions(host, port, dbUrl, token, newSecret, admission);
    }

    public ReceiverOptions withAdmission(AdmissionLimit newAdmission) {
        return new ReceiverOptions(host, port, dbUrl, token, signingSecret, newAdmission);
    }
}
