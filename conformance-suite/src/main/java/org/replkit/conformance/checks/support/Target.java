package org.replkit.conformance.checks.support;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
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

    public Target(EndpointKind kind, URI url, Session session, Http http) {
        this.kind = kind;
        this.url = url;
        this.session = session;
        this.http = http;
    }

    Target withUrl(URI other) {
        return new Target(kind, other, session, http);
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
