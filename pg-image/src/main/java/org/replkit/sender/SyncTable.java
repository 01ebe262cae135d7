package org.replkit.sender;

/** The two replicated tables and the receiver endpoint each one feeds. */
public enum SyncTable {
    /** approved_patterns, sent to Singularity's POST /sync/patterns. */
    PATTERNS("approved_patterns"),
    /** execution_metrics, sent to Genesis' POST /sync/metrics. */
    METRICS("execution_metrics");

    private final String tableName;

    SyncTable(String tableName) {
        this.tableName = tableName;
    }

    public String tableName() {
        return tableName;
    }
}
