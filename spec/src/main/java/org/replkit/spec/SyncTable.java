package org.replkit.spec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Optional;

/**
 * The two replicated tables and everything the contract says about each: the sender's table name
 * (also the X-Sync-Table header), the receiver's endpoint, the schemas, the acknowledgement's field
 * names, and the spec's sample record. The one home of this vocabulary: the receivers, the checks,
 * the sender and the load tests all read it from here.
 */
public enum SyncTable {
    /** approved_patterns, sent to Singularity's POST /sync/patterns. */
    PATTERNS("approved_patterns", "/sync/patterns", "patterns", SpecSchema.PATTERN_RECORD, SpecSchema.PATTERN_ACK,
            "pattern_id", "local_record_count", "pattern_name", "name", "pattern-record.example.json"),
    /** execution_metrics, sent to Genesis' POST /sync/metrics. */
    METRICS("execution_metrics", "/sync/metrics", "metrics", SpecSchema.METRICS_RECORD, SpecSchema.METRICS_ACK,
            "metrics_id", "local_metrics_count", "success_rate", "success_rate", "metrics-record.example.json");

    private final String tableName;
    private final String path;
    private final String key;
    private final SpecSchema recordSchema;
    private final SpecSchema ackSchema;
    private final String ackIdField;
    private final String ackCountField;
    private final String ackValueField;
    private final String ackValueSource;
    private final String sampleFile;

    SyncTable(String tableName, String path, String key, SpecSchema recordSchema, SpecSchema ackSchema,
              String ackIdField, String ackCountField, String ackValueField, String ackValueSource, String sampleFile) {
        this.tableName = tableName;
        this.path = path;
        this.key = key;
        this.recordSchema = recordSchema;
        this.ackSchema = ackSchema;
        this.ackIdField = ackIdField;
        this.ackCountField = ackCountField;
        this.ackValueField = ackValueField;
        this.ackValueSource = ackValueSource;
        this.sampleFile = sampleFile;
    }

    /** The sender's table, e.g. approved_patterns; also the X-Sync-Table header the sender sends. */
    public String tableName() {
        return tableName;
    }

    /** The receiver's endpoint path, e.g. /sync/patterns. */
    public String path() {
        return path;
    }

    /** The catalogue's name of the endpoint: patterns or metrics. */
    public String key() {
        return key;
    }

    public SpecSchema recordSchema() {
        return recordSchema;
    }

    public SpecSchema ackSchema() {
        return ackSchema;
    }

    /** The ack's field holding the record's id: pattern_id or metrics_id. */
    public String ackIdField() {
        return ackIdField;
    }

    /** The ack's field holding the number of stored records: local_record_count or local_metrics_count. */
    public String ackCountField() {
        return ackCountField;
    }

    /** The ack's field showing one value of the stored row: pattern_name or success_rate. */
    public String ackValueField() {
        return ackValueField;
    }

    /** The record field that value comes from: name or success_rate. */
    public String ackValueSource() {
        return ackValueSource;
    }

    /** The spec's sample record (spec/examples), as JSON text: the same body the OpenAPI examples show. */
    public String sampleJson() {
        String example = ClasspathText.read("/replication-spec/examples/" + sampleFile);
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(example).get("value").toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Optional<SyncTable> byKey(String key) {
        return Arrays.stream(values()).filter(t -> t.key.equals(key)).findFirst();
    }
}
