package org.replkit.conformance.model;

import java.util.Arrays;
import java.util.Optional;
import org.replkit.spec.SpecSchema;

/**
 * The endpoints kit verify can check, named as in the catalogue's {@code endpoints} lists.
 * The two receiver endpoints share one contract and differ only in table, schemas and ack field names.
 */
public enum EndpointKind {
    PATTERNS("patterns", "--patterns-url", "approved_patterns", SpecSchema.PATTERN_RECORD, SpecSchema.PATTERN_ACK,
            "pattern_id", "local_record_count", "name", "pattern_name"),
    METRICS("metrics", "--metrics-url", "execution_metrics", SpecSchema.METRICS_RECORD, SpecSchema.METRICS_ACK,
            "metrics_id", "local_metrics_count", "success_rate", "success_rate"),
    STATUS("status", "--status-url", null, null, SpecSchema.STATUS_RESPONSE, null, null, null, null);

    private final String key;
    private final String option;
    private final String table;
    private final SpecSchema recordSchema;
    private final SpecSchema answerSchema;
    private final String ackIdField;
    private final String ackCountField;
    private final String watchedRecordField;
    private final String watchedAckField;

    EndpointKind(String key, String option, String table, SpecSchema recordSchema, SpecSchema answerSchema,
                 String ackIdField, String ackCountField, String watchedRecordField, String watchedAckField) {
        this.key = key;
        this.option = option;
        this.table = table;
        this.recordSchema = recordSchema;
        this.answerSchema = answerSchema;
        this.ackIdField = ackIdField;
        this.ackCountField = ackCountField;
        this.watchedRecordField = watchedRecordField;
        this.watchedAckField = watchedAckField;
    }

    /** The catalogue's name: patterns, metrics or status. */
    public String key() {
        return key;
    }

    /** The kit verify option that names this endpoint's URL. */
    public String option() {
        return option;
    }

    /** The X-Sync-Table value the sender sends to this endpoint. */
    public String table() {
        return table;
    }

    public SpecSchema recordSchema() {
        return recordSchema;
    }

    /** The acknowledgement schema of a receiver, or the response schema of the status endpoint. */
    public SpecSchema answerSchema() {
        return answerSchema;
    }

    public String ackIdField() {
        return ackIdField;
    }

    public String ackCountField() {
        return ackCountField;
    }

    /**
     * The record field whose stored value the acknowledgement reports (pattern name, success rate):
     * the one window a black-box check has onto the stored row.
     */
    public String watchedRecordField() {
        return watchedRecordField;
    }

    public String watchedAckField() {
        return watchedAckField;
    }

    public static Optional<EndpointKind> byKey(String key) {
        return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
    }
}
