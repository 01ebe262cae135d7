package org.replkit.conformance.http;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Replaces the run's secrets by the shell variables a reader sets to replay a request:
 * {@code $KIT_TOKEN} for the receivers' token, {@code $KIT_ADMIN_TOKEN} for the admin token. Every
 * exchange passes through it before it is kept, so no report can show a secret.
 */
public final class Redactor {

    public static final String TOKEN_VAR = "$KIT_TOKEN";
    public static final String ADMIN_TOKEN_VAR = "$KIT_ADMIN_TOKEN";
    public static final Redactor NONE = new Redactor(null, null);

    private final Map<String, String> secrets = new LinkedHashMap<>();

    public Redactor(String token, String adminToken) {
        // The longer secret first, in case one contains the other.
        if (token != null && adminToken != null && adminToken.length() > token.length()) {
            put(adminToken, ADMIN_TOKEN_VAR);
            put(token, TOKEN_VAR);
        } else {
            put(token, TOKEN_VAR);
            put(adminToken, ADMIN_TOKEN_VAR);
        }
    }

    private void put(String secret, String var) {
        if (secret != null && !secret.isEmpty()) {
            secrets.putIfAbsent(secret, var);
        }
    }

    public String redact(String text) {
        if (text == null || secrets.isEmpty()) {
            return text;
        }
        String out = text;
        for (Map.Entry<String, String> s : secrets.entrySet()) {
            out = out.replace(s.getKey(), s.getValue());
        }
        return out;
    }

    public Map<String, String> redact(Map<String, String> headers) {
        Map<String, String> out = new LinkedHashMap<>();
        headers.forEach((k, v) -> out.put(k, redact(v)));
        return out;
    }
}
