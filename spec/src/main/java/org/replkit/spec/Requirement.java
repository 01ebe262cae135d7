package org.replkit.spec;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One rule of the replication contract, as written in {@code spec/requirements.yaml}.
 *
 * @param levelReason why the rule sits on its side of the catalogue's level line
 * @param endpoints   the endpoints it applies to: patterns, metrics, status, sender
 * @param needs       what a check needs to run (token, admin-token, sender-db); empty when nothing
 */
public record Requirement(String id, Level level, @JsonProperty("level_reason") String levelReason,
                          List<String> endpoints, List<String> needs, String title, String source) {

    public Requirement {
        endpoints = endpoints == null ? List.of() : List.copyOf(endpoints);
        needs = needs == null ? List.of() : List.copyOf(needs);
    }

    public boolean appliesTo(String endpoint) {
        return endpoints.contains(endpoint);
    }

    /** The family an id belongs to: SYNC-IDEM for SYNC-IDEM-03, STAT-AUTH for STAT-AUTH-01. */
    public String family() {
        return id.substring(0, id.lastIndexOf('-'));
    }
}
