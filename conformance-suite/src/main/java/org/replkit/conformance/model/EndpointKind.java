package org.replkit.conformance.model;

import java.util.Arrays;
import java.util.Optional;
import org.replkit.spec.SpecSchema;
import org.replkit.spec.SyncTable;

/**
 * The endpoints kit verify can check, named as in the catalogue's {@code endpoints} lists: the two
 * receivers, which share one contract and differ only in what {@link SyncTable} says, and the
 * sender's status endpoint.
 */
public enum EndpointKind {
    PATTERNS(SyncTable.PATTERNS, "--patterns-url"),
    METRICS(SyncTable.METRICS, "--metrics-url"),
    STATUS(null, "--status-url");

    private final SyncTable table;
    private final String option;

    EndpointKind(SyncTable table, String option) {
        this.table = table;
        this.option = option;
    }

    /** The catalogue's name: patterns, metrics or status. */
    public String key() {
        return table == null ? "status" : table.key();
    }

    /** The kit verify option that names this endpoint's URL. */
    public String option() {
        return option;
    }

    /** The X-Sync-Table value the sender sends to this endpoint. */
    public String table() {
        return table.tableName();
    }

    public SpecSchema recordSchema() {
        return table.recordSchema();
    }

    /** The acknowledgement schema of a receiver, or the response schema of the status endpoint. */
    public SpecSchema answerSchema() {
        return table == null ? SpecSchema.STATUS_RESPONSE : table.ackSchema();
    }

    public String ackIdField() {
        return table.ackIdField();
    }

    public String ackCountField() {
        return table.ackCountField();
    }

    /** The ack's field showing one stored value (pattern_name, success_rate): the one window a black-box check has onto the stored row. */
    public String ackValueField() {
        return table.ackValueField();
    }

    /** The record field that value comes from (name, success_rate). */
    public String ackValueSource() {
        return table.ackValueSource();
    }

    public static Optional<EndpointKind> byKey(String key) {
        return Arrays.stream(values()).filter(k -> k.key().equals(key)).findFirst();
    }
}
