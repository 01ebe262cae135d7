package org.replkit.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.InputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RequirementCatalogueTest {

    private final RequirementCatalogue catalogue = RequirementCatalogue.get();

    @Test
    void everyEntryIsComplete() {
        Set<String> endpoints = Set.of("patterns", "metrics", "status", "sender");
        Set<String> needs = Set.of("token", "admin-token", "sender-db", "signing-secret");
        assertTrue(catalogue.all().size() >= 30);
        for (Requirement r : catalogue.all()) {
            assertTrue(r.id().matches("[A-Z0-9]+(-[A-Z0-9]+)*-\\d{2}"), "id shape: " + r.id());
            assertFalse(r.title() == null || r.title().isBlank(), r.id() + " has no sentence");
            assertTrue(r.source() != null && (r.source().startsWith("spec: ") || r.source().startsWith("kit decision: ")),
                    r.id() + " source must start with 'spec: ' or 'kit decision: '");
            assertFalse(r.endpoints().isEmpty(), r.id() + " names no endpoint");
            assertFalse(r.levelReason() == null || r.levelReason().isBlank(), r.id() + " says not why it is a " + r.level());
            assertTrue(endpoints.containsAll(r.endpoints()), r.id() + " endpoints " + r.endpoints());
            assertTrue(needs.containsAll(r.needs()), r.id() + " needs " + r.needs());
        }
    }

    @Test
    void profilesCountTheRightLevels() {
        assertTrue(Profile.CORE.counts(Level.MUST));
        assertFalse(Profile.CORE.counts(Level.SHOULD));
        assertTrue(Profile.STRICT.counts(Level.SHOULD));
        assertEquals(Profile.STRICT, Profile.parse(" Strict "));
    }

    @Test
    void theLevelLineIsWrittenOnceAndRetiredIdsAreNeverReused() {
        assertTrue(catalogue.levelLine().contains("MUST is what the spec states for receivers"), catalogue.levelLine());
        assertTrue(catalogue.levelLine().contains("SHOULD is strictness about inputs the sender never produces"));
        assertTrue(catalogue.version() >= 2);
        assertEquals(List.of("SYNC-ERR-01"), catalogue.retired().stream().map(RequirementCatalogue.Retired::id).toList());
        for (RequirementCatalogue.Retired r : catalogue.retired()) {
            assertTrue(catalogue.find(r.id()).isEmpty(), r.id() + " is retired and must not come back");
            r.replacedBy().forEach(id -> assertTrue(catalogue.find(id).isPresent(), r.id() + " replaced by unknown " + id));
        }
    }

    /** The level line applied: strictness about what the sender never produces is a SHOULD. */
    @Test
    void inputTheSenderNeverProducesIsASHOULD() {
        for (String id : List.of("SYNC-HDR-01", "SYNC-HDR-02", "SYNC-HDR-03", "SYNC-VAL-01", "SYNC-VAL-02",
                "SYNC-VAL-03", "SYNC-ERR-02", "SYNC-ERR-04")) {
            assertEquals(Level.SHOULD, catalogue.byId(id).level(), id);
        }
        for (String id : List.of("SYNC-ERR-03", "SYNC-ERR-07", "SYNC-ACCEPT-01", "SYNC-IDEM-03", "SYNC-TIME-01", "SYNC-AUTH-01")) {
            assertEquals(Level.MUST, catalogue.byId(id).level(), id);
        }
    }

    @Test
    void decisionsTheSpecLeftOpenAreRecorded() {
        // Each decision the kit takes where the spec is vague has its own entry and level.
        assertEquals(Level.SHOULD, catalogue.byId("SYNC-HDR-04").level());
        assertEquals(Level.MUST, catalogue.byId("SYNC-IDEM-03").level());
        assertEquals(Level.MUST, catalogue.byId("SYNC-ACCEPT-02").level());
        assertEquals(Level.SHOULD, catalogue.byId("PAT-VAL-02").level());
        assertEquals(List.of("token"), catalogue.byId("SYNC-AUTH-01").needs());
    }

    @Test
    void openApiNamesOnlyRequirementsOfTheCatalogueAndEveryEndpointRequirement() throws Exception {
        JsonNode api;
        try (InputStream in = getClass().getResourceAsStream("/replication-spec/openapi.yaml")) {
            api = new ObjectMapper(new YAMLFactory()).readTree(in);
        }
        assertEquals("3.1.0", api.get("openapi").asText());
        Set<String> named = new HashSet<>();
        api.get("paths").forEach(path -> path.forEach(op -> op.path("x-requirements").forEach(id -> named.add(id.asText()))));
        for (String id : named) {
            assertTrue(catalogue.find(id).isPresent(), "openapi.yaml names unknown requirement " + id);
        }
        for (Requirement r : catalogue.all()) {
            boolean httpRule = r.endpoints().stream().anyMatch(e -> !e.equals("sender")) && !r.needs().contains("sender-db");
            if (httpRule) {
                assertTrue(named.contains(r.id()), "openapi.yaml does not name " + r.id());
            }
        }
    }
}
