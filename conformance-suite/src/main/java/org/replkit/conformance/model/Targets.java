package org.replkit.conformance.model;

import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What kit verify checks: full endpoint URLs as the sender's registry holds them, the bearer tokens
 * and, for the end-to-end check, a link to a sender database. Absent parts make the checks that
 * need them inapplicable.
 *
 * @param embedded true when the receivers are the kit's own reference receivers, started for this run
 * @param signingSecret the receivers' Standard Webhooks secret ({@code whsec_...}): every delivery is signed
 *                      with it and the SIG-* checks run; null for unsigned deliveries
 */
public record Targets(URI patternsUrl, URI metricsUrl, URI statusUrl, String token, String adminToken,
                      SenderLink sender, boolean embedded, String signingSecret) {

    public static Targets receivers(String patternsUrl, String metricsUrl) {
        return new Targets(uri(patternsUrl), uri(metricsUrl), null, null, null, null, false, null);
    }

    public Targets withSigningSecret(String secret) {
        return new Targets(patternsUrl, metricsUrl, statusUrl, token, adminToken, sender, embedded, secret);
    }

    public Targets withStatus(String url, String admin) {
        return new Targets(patternsUrl, metricsUrl, uri(url), token, admin, sender, embedded, signingSecret);
    }

    public Targets withToken(String newToken) {
        return new Targets(patternsUrl, metricsUrl, statusUrl, newToken, adminToken, sender, embedded, signingSecret);
    }

    public Targets withSender(SenderLink link) {
        return new Targets(patternsUrl, metricsUrl, statusUrl, token, adminToken, link, embedded, signingSecret);
    }

    public Targets asEmbedded() {
        return new Targets(patternsUrl, metricsUrl, statusUrl, token, adminToken, sender, true, signingSecret);
    }

    public Optional<URI> url(EndpointKind kind) {
        return Optional.ofNullable(switch (kind) {
            case PATTERNS -> patternsUrl;
            case METRICS -> metricsUrl;
            case STATUS -> statusUrl;
        });
    }

    /** The endpoint URLs given, in endpoint order. */
    public List<URI> urls() {
        return Arrays.stream(EndpointKind.values()).flatMap(k -> url(k).stream()).toList();
    }

    public Optional<SenderLink> senderLink() {
        return Optional.ofNullable(sender);
    }

    /** The targets for the report; tokens are never written out, only whether one was given. */
    public Map<String, String> describe() {
        Map<String, String> d = new LinkedHashMap<>();
        if (embedded) {
            d.put("receivers", "embedded reference receivers, started for this run");
        }
        for (EndpointKind k : EndpointKind.values()) {
            d.put(k.key(), url(k).map(URI::toString).orElse("(not given)"));
        }
        d.put("token", token == null ? "(none)" : "given");
        d.put("admin-token", adminToken == null ? "(none)" : "given");
        d.put("signing-secret", signingSecret == null ? "(none)" : "given");
        d.put("sender-db", sender == null ? "(none)" : sender.describe());
        return d;
    }

    private static URI uri(String s) {
        return s == null ? null : URI.create(s);
    }
}
