package org.replkit.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.replkit.receivers.record.RecordKind;
import org.replkit.spec.SchemaValidator;

/** The load test's own records are valid against the contract's schemas and carry distinct UUIDv7 ids. */
class RecordFeederTest {

    private final SchemaValidator schemas = new SchemaValidator();

    @Test
    void everyRecordIsValidAgainstItsSchema() {
        for (RecordKind kind : RecordKind.values()) {
            RecordFeeder feeder = new RecordFeeder(kind, 7);
            for (int i = 0; i < 200; i++) {
                String json = feeder.next().toString();
                assertEquals(java.util.List.of(), schemas.violations(kind.schema(), json), json);
            }
        }
    }

    @Test
    void deliveriesCarryTheBodysIdAndDistinctVersion7Ids() {
        var fresh = new RecordFeeder(RecordKind.METRICS, 3).fresh();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            Map<String, Object> delivery = fresh.next();
            String id = (String) delivery.get(RecordFeeder.ID);
            assertTrue(((String) delivery.get(RecordFeeder.BODY)).contains("\"id\":\"" + id + "\""));
            assertEquals(7, UUID.fromString(id).version());
            assertEquals(2, UUID.fromString(id).variant());
            ids.add(id);
        }
        assertEquals(1000, ids.size());
    }
}
