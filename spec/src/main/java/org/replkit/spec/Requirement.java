package org.replkit.spec;

import java.util.List;

/**
 * One rule of the replication contract, as written in {@code spec/requirements.yaml}.
 *
 * @param endpoints the endpoints it applies to: patterns, metrics, status, sender
 * @param needs     what a check needs to run (token, admin-token, sender-db); empty when nothing
 */
public record Requirement(String id, Level level, List<String> endpoints, List<String> needs,
                          String title, String source) {

    public Requirement {
        endpoints = endpoints == null ? List.of() : List.copyOf(endpoints);
        needs = needs == null ? List.of() : List.copyOf(needs);
    }

    public boolean appliesTo(String endpoint) {
        return endpoints.contains(endpoint);
    }
}
