package org.replkit.receivers.record;

import static org.replkit.receivers.record.FieldType.INTEGER;
import static org.replkit.receivers.record.FieldType.JSON_ARRAY;
import static org.replkit.receivers.record.FieldType.JSON_OBJECT;
import static org.replkit.receivers.record.FieldType.NUMBER;
import static org.replkit.receivers.record.FieldType.TEXT;
import static org.replkit.receivers.record.FieldType.TIMESTAMP;
import static org.replkit.receivers.record.FieldType.UUID;

import java.util.List;
import org.replkit.spec.SpecSchema;

/**
 * The two replicated tables and everything that differs between their endpoints: path, table,
 * schema, columns, error code and the names of the acknowledgement's fields.
 */
public enum RecordKind {

    PATTERNS("/sync/patterns", "approved_patterns", SpecSchema.PATTERN_RECORD, "invalid_pattern",
            "pattern_id", "pattern_name", "name", "local_record_count",
            List.of(
                    Field.of("id", UUID),
                    Field.of("name", TEXT),
                    Field.of("ecosystem", TEXT),
                    Field.of("frequency", INTEGER),
                    Field.of("confidence", NUMBER),
                    Field.of("description", TEXT),
                    Field.of("examples", JSON_OBJECT),
                    Field.of("best_practices", JSON_ARRAY),
                    Field.of("approved_at", TIMESTAMP),
                    Field.of("last_synced_at", TIMESTAMP),
                    Field.of("instances_count", INTEGER),
                    Field.of("inserted_at", TIMESTAMP),
                    Field.of("updated_at", TIMESTAMP))),

    METRICS("/sync/metrics", "execution_metrics", SpecSchema.METRICS_RECORD, "invalid_metrics",
            "metrics_id", "success_rate", "success_rate", "local_metrics_count",
            List.of(
                    Field.of("id", UUID),
                    Field.of("instance_id", TEXT),
                    Field.of("period_start", TIMESTAMP),
                    Field.of("period_end", TIMESTAMP),
                    Field.of("jobs_completed", INTEGER),
                    Field.of("jobs_failed", INTEGER),
                    Field.of("success_rate", NUMBER),
                    Field.of("avg_execution_time_ms", NUMBER),
                    Field.of("total_memory_used_mb", NUMBER),
                    Field.of("p50_execution_time_ms", NUMBER),
                    Field.of("p95_execution_time_ms", NUMBER),
                    Field.of("p99_execution_time_ms", NUMBER),
                    Field.of("inserted_at", TIMESTAMP),
                    Field.of("updated_at", TIMESTAMP)));

    private final String path;
    private final String table;
    private final SpecSchema schema;
    private final String invalidRecordCode;
    private final String ackIdField;
    private final String ackValueField;
    private final String ackValueSource;
    private final String ackCountField;
    private final List<Field> fields;

    RecordKind(String path, String table, SpecSchema schema, String invalidRecordCode,
               String ackIdField, String ackValueField, String ackValueSource, String ackCountField,
               List<Field> fields) {
        this.path = path;
        this.table = table;
        this.schema = schema;
        this.invalidRecordCode = invalidRecordCode;
        this.ackIdField = ackIdField;
        this.ackValueField = ackValueField;
        this.ackValueSource = ackValueSource;
        this.ackCountField = ackCountField;
        this.fields = fields;
    }

    /** The endpoint path, e.g. /sync/patterns. */
    public String path() {
        return path;
    }

    /** The sender's table name, which is also the expected X-Sync-Table header. */
    public String table() {
        return table;
    }

    public SpecSchema schema() {
        return schema;
    }

    /** The error code of a 400 for a record that fails validation. */
    public String invalidRecordCode() {
        return invalidRecordCode;
    }

    /** Ack field holding the record id: pattern_id or metrics_id. */
    public String ackIdField() {
        return ackIdField;
    }

    /** Ack field echoing one stored value: pattern_name or success_rate. */
    public String ackValueField() {
        return ackValueField;
    }

    /** The record field the echoed value comes from: name or success_rate. */
    public String ackValueSource() {
        return ackValueSource;
    }

    /** Ack field holding the stored record count. */
    public String ackCountField() {
        return ackCountField;
    }

    /** The columns the receiver stores, id first; any other field of a request is ignored. */
    public List<Field> fields() {
        return fields;
    }
}
