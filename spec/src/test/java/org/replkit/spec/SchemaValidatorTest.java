package org.replkit.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The schemas accept the spec's own examples (with its "..." placeholders filled in) and refuse what they should. */
class SchemaValidatorTest {

    private static final SchemaValidator SCHEMAS = new SchemaValidator();
    private static final String ID = "0194a7b2-6c1e-7f3a-9d2b-4e5f6a7b8c9d";

    static final String PATTERN = """
            {"id": "%s", "name": "gen_server_pattern", "ecosystem": "elixir", "frequency": 156, "confidence": 0.94,
             "description": "Pattern for GenServer state management",
             "examples": {"code_snippet": "...", "usage_context": "..."}, "best_practices": ["..."],
             "approved_at": "2025-01-10T10:00:00Z", "last_synced_at": "2025-01-10T10:00:00Z", "instances_count": 3,
             "inserted_at": "2025-01-10T10:00:00Z", "updated_at": "2025-01-10T10:00:00Z"}""".formatted(ID);

    static final String METRICS = """
            {"id": "%s", "period_start": "2025-01-10T10:00:00Z", "period_end": "2025-01-10T10:05:00Z",
             "jobs_completed": 156, "jobs_failed": 3, "success_rate": 0.98, "avg_execution_time_ms": 892,
             "total_memory_used_mb": 2450, "p50_execution_time_ms": 750, "p95_execution_time_ms": 2100,
             "p99_execution_time_ms": 3500, "instance_id": "singularity-1",
             "inserted_at": "2025-01-10T10:05:00Z", "updated_at": "2025-01-10T10:05:00.123456+01:00"}""".formatted(ID);

    @Test
    void specExamplesAreValid() {
        assertEquals(List.of(), SCHEMAS.violations(SpecSchema.PATTERN_RECORD, PATTERN));
        assertEquals(List.of(), SCHEMAS.violations(SpecSchema.METRICS_RECORD, METRICS));
        assertTrue(SCHEMAS.isValid(SpecSchema.PATTERN_ACK, """
                {"status": "ok", "pattern_id": "%s", "pattern_name": "gen_server_pattern",
                 "synced_at": "2025-01-10T10:15:30Z", "local_record_count": 42}""".formatted(ID)));
        assertTrue(SCHEMAS.isValid(SpecSchema.METRICS_ACK, """
                {"status": "ok", "metrics_id": "%s", "success_rate": 0.98,
                 "synced_at": "2025-01-10T10:15:30Z", "local_metrics_count": 1234}""".formatted(ID)));
        assertTrue(SCHEMAS.isValid(SpecSchema.ERROR, """
                {"status": "error", "error": "invalid_pattern", "message": "Pattern validation failed"}"""));
        assertTrue(SCHEMAS.isValid(SpecSchema.STATUS_RESPONSE, """
                {"instances": [{"instance_id": "uuid", "instance_name": "singularity-prod-1",
                  "http_endpoint": "http://localhost:4000/sync/patterns", "is_active": true,
                  "last_sync_at": "2025-01-10T10:15:30Z", "success_count": 45230, "error_count": 2, "last_error": null}],
                 "queue_stats": {"pending": 0, "success": 45230, "failed": 2, "total": 45232, "last_event_at": "2025-01-10T10:15:30Z"},
                 "replication_enabled": true, "replication_interval_seconds": 5}"""));
    }

    @Test
    void violationsNameTheField() {
        List<SchemaValidator.Violation> v = SCHEMAS.violations(SpecSchema.PATTERN_RECORD, PATTERN.replace("0.94", "1.5"));
        assertEquals(1, v.size());
        assertEquals("confidence", v.get(0).field());
        assertTrue(v.get(0).message().startsWith("$.confidence: "), v.get(0).message());
    }

    @Test
    void formatsAreAssertedNotJustAnnotated() {
        assertFalse(SCHEMAS.isValid(SpecSchema.PATTERN_RECORD, PATTERN.replace("\"updated_at\": \"2025-01-10T10:00:00Z\"", "\"updated_at\": \"yesterday\"")));
        assertFalse(SCHEMAS.isValid(SpecSchema.PATTERN_RECORD, PATTERN.replace(ID, "not-a-uuid")));
        // a timestamp without an offset is not RFC 3339
        assertFalse(SCHEMAS.isValid(SpecSchema.METRICS_RECORD, METRICS.replace("2025-01-10T10:00:00Z", "2025-01-10T10:00:00")));
    }

    @Test
    void unknownFieldsAndNullOptionalsAreAllowedButNotMissingRequiredOnes() {
        assertTrue(SCHEMAS.isValid(SpecSchema.PATTERN_RECORD, PATTERN.replace("{\"id\"", "{\"added_later\": 1, \"id\"")));
        assertTrue(SCHEMAS.isValid(SpecSchema.PATTERN_RECORD, PATTERN.replace("\"Pattern for GenServer state management\"", "null")));
        assertFalse(SCHEMAS.isValid(SpecSchema.PATTERN_RECORD, PATTERN.replace("\"name\": \"gen_server_pattern\",", "")));
        assertFalse(SCHEMAS.isValid(SpecSchema.METRICS_RECORD, METRICS.replace("\"success_rate\": 0.98,", "\"success_rate\": null,")));
    }

    @org.junit.jupiter.api.Test
    void aNumberBeyond64BitsInAnIntegerFieldIsAViolationNotAnException() {
        String record = "{\"id\":\"" + ID + "\",\"name\":\"p\",\"ecosystem\":\"e\",\"frequency\":1e308,"
                + "\"confidence\":0.5,\"inserted_at\":\"2025-01-10T10:00:00Z\",\"updated_at\":\"2025-01-10T10:00:00Z\"}";
        var v = SCHEMAS.violations(SpecSchema.PATTERN_RECORD, record);
        org.junit.jupiter.api.Assertions.assertFalse(v.isEmpty());
        org.junit.jupiter.api.Assertions.assertEquals("frequency", v.get(0).field(), v.toString());
        String huge = record.replace("1e308", "18446744073709551616");
        org.junit.jupiter.api.Assertions.assertFalse(SCHEMAS.violations(SpecSchema.PATTERN_RECORD, huge).isEmpty());
    }
}
