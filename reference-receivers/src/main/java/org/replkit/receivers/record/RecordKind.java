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
import org.replkit.spec.SyncTable;

/**
 * The two replicated tables as the reference receivers store them: the contract's vocabulary
 * (path, table, schema, the acknowledgement's field names) comes from {@link SyncTable}; what is the
 * receiver's own is here: the columns it stores and the error code of an invalid record.
 */
public enum RecordKind {

    PATTERNS(SyncTable.PATTERNS, "invalid_pattern",
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

    METRICS(SyncTable.METRICS, "invalid_metrics",
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

    private final SyncTable table;
    private final String invalidRecordCode;
    private final List<Field> fields;

    RecordKind(SyncTable table, String invalidRecordCode, List<Field> fields) {
        this.table = table;
        this.invalidRecordCode = invalidRecordCode;
        this.fields = fields;
    }

    public SyncTable syncTable() {
        return table;
    }

    /** The endpoint path, e.g. /sync/patterns. */
    public String path() {
        return table.path();
    }

    /** The sender's table name, which is also the expected X-Sync-Table header. */
    public String table() {
        return table.tableName();
    }

    public SpecSchema schema() {
        return table.recordSchema();
    }

    /** The error code of a 400 for a record that fails validation. */
    public String invalidRecordCode() {
        return invalidRecordCode;
    }

    /** Ack field holding the record id: pattern_id or metrics_id. */
    public String ackIdField() {
        return table.ackIdField();
    }

    /** Ack field echoing one stored value: pattern_name or success_rate. */
    public String ackValueField() {
        return table.ackValueField();
    }

    /** The record field the echoed value comes from: name or success_rate. */
    public String ackValueSource() {
        return table.ackValueSource();
    }

    /** Ack field holding the stored record count. */
    public String ackCountField() {
        return table.ackCountField();
    }

    /** The columns the receiver stores, id first; any other field of a request is ignored. */
    public List<Field> fields() {
        return fields;
    }
}
