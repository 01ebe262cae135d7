package org.replkit.spec;

/**
 * The JSON Schemas of the contract, each a file in {@code spec/schemas/}, and of the kit's own
 * report files, in {@code spec/schemas/reports/}.
 */
public enum SpecSchema {
    PATTERN_RECORD("pattern-record.schema.json"),
    METRICS_RECORD("metrics-record.schema.json"),
    PATTERN_ACK("pattern-ack.schema.json"),
    METRICS_ACK("metrics-ack.schema.json"),
    ERROR("error.schema.json"),
    STATUS_RESPONSE("status-response.schema.json"),
    /** conformance.json of {@code kit verify}. */
    CONFORMANCE_REPORT("reports/conformance-report.schema.json"),
    /** fuzz.json of {@code kit fuzz}. */
    FUZZ_REPORT("reports/fuzz-report.schema.json"),
    /** summary.json of {@code kit chaos}. */
    CHAOS_SUMMARY("reports/chaos-summary.schema.json"),
    /** summary.json of one {@code kit load} run. */
    LOAD_SUMMARY("reports/load-summary.schema.json");

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
