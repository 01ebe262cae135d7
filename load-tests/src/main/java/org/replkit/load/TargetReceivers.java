package org.replkit.load;

import java.net.URI;
import org.replkit.receivers.ReceiverOptions;
import org.replkit.receivers.ReceiverServer;

/**
 * The receivers a simulation loads: the URL named by {@code load.target}, or else the reference
 * receivers started in this process (in-memory store, or PostgreSQL when {@code load.dbUrl} is set).
 *
 * @param description what is loaded, for reports: a URL or "reference receivers in-process (in-memory)"
 * @param embedded    the reference receivers this started, or null for a URL
 */
public record TargetReceivers(String baseUrl, String description, ReceiverServer embedded) implements AutoCloseable {

    public static TargetReceivers fromProperties() {
        String target = LoadProperty.TARGET.value();
        if (!target.isEmpty()) {
            String base = baseUrl(target);
            return new TargetReceivers(base, base, null);
        }
        ReceiverOptions options = ReceiverOptions.embedded();
        String dbUrl = LoadProperty.DB_URL.value();
        if (!dbUrl.isEmpty()) {
            options = options.withDbUrl(dbUrl);
        }
        java.util.Optional<String> secret = DeliverySigning.secret();
        ReceiverServer server = ReceiverServer.start(options.withSigningSecret(secret.orElse(null)));
        return new TargetReceivers(server.baseUrl(), "reference receivers in-process (" + server.store().describe()
                + (secret.isPresent() ? ", signed deliveries only" : "") + ")", server);
    }

    /** Checks a --target value: an http(s) base URL such as http://127.0.0.1:4000, without the /sync path. */
    public static String baseUrl(String target) {
        URI uri;
        try {
            uri = URI.create(target.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("target '" + target + "' is not a URL");
        }
        if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https")) || uri.getHost() == null) {
            throw new IllegalArgumentException("target '" + target + "' must be an http(s) base URL such as http://127.0.0.1:4000");
        }
        String base = target.trim().replaceAll("/+$", "");
        if (base.endsWith("/sync/patterns") || base.endsWith("/sync/metrics")) {
            throw new IllegalArgumentException("target '" + target + "' names an endpoint; give the base URL (without /sync/...)");
        }
        return base;
    }

    @Override
    public void close() {
        if (embedded != null) {
            embedded.close();
        }
    }
}
