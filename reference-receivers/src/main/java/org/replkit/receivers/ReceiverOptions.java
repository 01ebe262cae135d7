package org.replkit.receivers;

/**
 * How to run the reference receivers.
 *
 * @param host  the address to bind (loopback by default)
 * @param port  the port; 0 picks a free one
 * @param dbUrl a PostgreSQL JDBC URL for the Postgres store, or null for the in-memory store
 * @param token a bearer token every delivery must carry, or null for none
 * @param signingSecret a Standard Webhooks secret ({@code whsec_...}) every delivery must be signed with, or null for none
 */
public record ReceiverOptions(String host, int port, String dbUrl, String token, String signingSecret) {

    public ReceiverOptions(String host, int port, String dbUrl, String token) {
        this(host, port, dbUrl, token, null);
    }

    public static final String LOOPBACK = "127.0.0.1";

    /** In-memory store, no token, a free loopback port: the embedded default. */
    public static ReceiverOptions embedded() {
        return new ReceiverOptions(LOOPBACK, 0, null, null, null);
    }

    public ReceiverOptions withPort(int newPort) {
        return new ReceiverOptions(host, newPort, dbUrl, token, signingSecret);
    }

    public ReceiverOptions withDbUrl(String newDbUrl) {
        return new ReceiverOptions(host, port, newDbUrl, token, signingSecret);
    }

    public ReceiverOptions withToken(String newToken) {
        return new ReceiverOptions(host, port, dbUrl, newToken, signingSecret);
    }

    public ReceiverOptions withSigningSecret(String newSecret) {
        return new ReceiverOptions(host, port, dbUrl, token, newSecret);
    }
}
