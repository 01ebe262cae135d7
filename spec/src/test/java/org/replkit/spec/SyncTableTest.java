package org.replkit.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The contract's vocabulary, in its one home: names as the spec writes them, samples valid. */
class SyncTableTest {

    @Test
    void theTablesEndpointsAndAckFieldsAreTheSpecs() {
        assertEquals("approved_patterns", SyncTable.PATTERNS.tableName());
        assertEquals("/sync/patterns", SyncTable.PATTERNS.path());
        assertEquals("local_record_count", SyncTable.PATTERNS.ackCountField());
        assertEquals("execution_metrics", SyncTable.METRICS.tableName());
        assertEquals("/sync/metrics", SyncTable.METRICS.path());
        assertEquals("local_metrics_count", SyncTable.METRICS.ackCountField());
        assertEquals(SyncTable.PATTERNS, SyncTable.byKey("patterns").orElseThrow());
    }

    @Test
    void theHeadersAreTheSpecs() {
        assertEquals(List.of("X-Sync-Event-Type", "X-Sync-Table", "X-Sync-Record-Id"),
                List.of(SyncHeaders.EVENT_TYPE, SyncHeaders.TABLE, SyncHeaders.RECORD_ID));
        assertEquals(List.of("INSERT", "UPDATE"), SyncHeaders.EVENT_TYPES);
    }

    @Test
    void theSampleRecordsAreValid() {
        SchemaValidator validator = new SchemaValidator();
        for (SyncTable t : SyncTable.values()) {
            assertEquals(List.of(), validator.violations(t.recordSchema(), t.sampleJson()), t.name());
        }
    }
}
