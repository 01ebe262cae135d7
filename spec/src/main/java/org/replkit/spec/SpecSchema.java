package org.replkit.spec;

/** The JSON Schemas of the contract, each a file in {@code spec/schemas/}. */
public enum SpecSchema {
    PATTERN_RECORD("pattern-record.schema.json"),
    METRICS_RECORD("metrics-record.schema.json"),
    PATTERN_ACK("pattern-ack.schema.json"),
    METRICS_ACK("metrics-ack.schema.json"),
    ERROR("error.schema.json"),
    STATUS_RESPONSE("status-response.schema.json");

    private final String fileName;

    SpecSchema(String fileName) {
        this.fileName = fileName;
    }

    public String fileName() {
        return fileName;
    }

    public String resource() {
        return "/replication-spec/schemas/" + fileName;
    }
}
