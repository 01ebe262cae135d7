package org.replkit.conformance.checks.support;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.replkit.conformance.http.Http;
import org.replkit.conformance.model.EndpointKind;
import org.replkit.conformance.model.RunSettings;
import org.replkit.spec.SchemaValidator;

/**
 * The endpoint one check invocation talks to, and the run it belongs to.
 *
 * @param cases the cases the check has run so far ({@link Cases}); shared with the copies for other URLs
 */
public record Target(EndpointKind kind, URI url, Session session, Http http, AtomicInteger cases) {

    public Target(EndpointKind kind, URI url, Session session, Http http) {
        this(kind, url, session, http, new AtomicInteger());
    }

    Target withUrl(URI other) {
        return new Target(kind, other, session, http, cases);
    }

    /** How many cases the check ran: those run through {@link Cases}, or 1 for a check of one case. */
    public int casesRun() {
        return Math.max(1, cases.get());
    }

    void countCase() {
        cases.incrementAndGet();
    }

    public RunSettings settings() {
        return session.settings();
    }

    public SchemaValidator validator() {
        return session.validator();
    }

    public String token() {
        return session.targets().token();
    }

    /** The receivers' Standard Webhooks secret, or null when deliveries go unsigned. */
    public String signingSecret() {
        return session.targets().signingSecret();
    }

    public String adminToken() {
        return session.targets().adminToken();
    }

    /** {@code Authorization: Bearer <token>} when a token is given, else nothing. */
    public Map<String, String> auth(String token) {
        Map<String, String> h = new LinkedHashMap<>();
        if (token != null) {
            h.put("Authorization", "Bearer " + token);
        }
        return h;
    }
}
