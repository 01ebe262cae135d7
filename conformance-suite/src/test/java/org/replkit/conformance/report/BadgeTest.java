package org.replkit.conformance.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** shields.json is the shields.io endpoint format, whatever characters the message holds. */
class BadgeTest {

    @Test
    void shieldsJsonIsValidJsonEvenWithQuotesInTheMessage() throws Exception {
        JsonNode json = new ObjectMapper().readTree(new Badge("replication spec", "core \"✓\" \\ 4 not judged", "green", "#4c1")
                .shieldsJson());
        assertEquals(1, json.path("schemaVersion").asInt());
        assertEquals("core \"✓\" \\ 4 not judged", json.path("message").asText());
        assertEquals("green", json.path("color").asText());
    }
}
