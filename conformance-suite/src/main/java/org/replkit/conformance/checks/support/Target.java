package org.replkit.conformance.checks.support;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.replkit.conformance.http.Http;
import org.replkit.conformance.model.EndpointKind;
import org.replkit.conformance.model.RunSettings;
import org.replkit.spec.SchemaValidator;

/** The endpoint one check invocation talks to, and the run it belongs to. */
public final class Target {

    private final EndpointKind kind;
    private final URI url;
    private final Session session;
    private final Http http;
    /** The cases the check has run so far ({@link Cases}); shared with the copies for other URLs. */
    private final AtomicInteger casesRun;

    public Target(EndpointKind kind, URI url, Session session, Http http) {
        this(kind, url, session, http, new AtomicInteger());
    }

    private Target(EndpointKind kind, URI url, Session session, Http http, AtomicInteger casesRun) {
        this.kind = kind;
        this.url = url;
        this.session = session;
        this.http = http;
        this.casesRun = casesRun;
    }

    Target withUrl(URI other) {
        return new Target(kind, other, session, http, casesRun);
    }

    /** How many cases the check ran: those run through {@link Cases}, or 1 for a check of one case. */
    public int casesRun() {
        return Math.max(1, casesRun.get());
    }

    void countCase() {
        casesRun.incrementAndGet();
    }

    public EndpointKind kind() {
        return kind;
    }

    public URI url() {
        return url;
    }

    public Http http() {
        return http;
    }

    public RunSettings settings() {
        return session.settings();
    }

    public SchemaValidator validator() {
        return session.validator();
    }

    public Session session() {
        return session;
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
