package org.replkit.conformance.senderverify;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.replkit.spec.SyncTable;

/**
 * The SQL that commits the kit's rows into the sender's tables: the spec's sample values in the
 * columns its bodies show (small integers, whole milliseconds, short text), so tables with other
 * types (int4 for bigint, integer milliseconds) or extra defaults take them too. {@code {id}} is the
 * record's uuid, {@code {version}} a small integer (1, 2, ...) that lands in the table's version
 * column (frequency, jobs_completed), from which the kit tells the snapshots apart.
 */
public final class SenderTableWriter {

    /** What each statement does, as --write-sql names it. */
    public enum Statement {
        PATTERNS_INSERT(SyncTable.PATTERNS, """
                INSERT INTO approved_patterns (id, name, ecosystem, frequency, confidence, description, examples,
                                               best_practices, instances_count)
                VALUES ('{id}', 'gen_server_pattern', 'elixir', {version}, 0.94, 'Pattern for GenServer state management',
                        '{"code_snippet": "...", "usage_context": "..."}', ARRAY['...'], 3)"""),
        PATTERNS_UPDATE(SyncTable.PATTERNS, "UPDATE approved_patterns SET frequency = {version} WHERE id = '{id}'"),
        METRICS_INSERT(SyncTable.METRICS, """
                INSERT INTO execution_metrics (id, period_start, period_end, jobs_completed, jobs_failed, success_rate,
                                               avg_execution_time_ms, total_memory_used_mb, p50_execution_time_ms,
                                               p95_execution_time_ms, p99_execution_time_ms, instance_id)
                VALUES ('{id}', '2025-01-10T10:00:00Z', '2025-01-10T10:05:00Z', {version}, 3, 0.98, 892, 2450, 750, 2100,
                        3500, 'singularity-1')"""),
        METRICS_UPDATE(SyncTable.METRICS, "UPDATE execution_metrics SET jobs_completed = {version} WHERE id = '{id}'");

        final SyncTable table;
        final String defaultSql;

        Statement(SyncTable table, String defaultSql) {
            this.table = table;
            this.defaultSql = defaultSql;
        }

        /** patterns-insert, patterns-update, metrics-insert, metrics-update. */
        public String key() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        static Statement of(SyncTable table, boolean insert) {
            return table == SyncTable.PATTERNS ? (insert ? PATTERNS_INSERT : PATTERNS_UPDATE)
                    : (insert ? METRICS_INSERT : METRICS_UPDATE);
        }
    }

    private final Map<Statement, String> sql = new EnumMap<>(Statement.class);

    private SenderTableWriter() {
        for (Statement s : Statement.values()) {
            sql.put(s, s.defaultSql);
        }
    }

    public static SenderTableWriter defaults() {
        return new SenderTableWriter();
    }

    /**
     * With the user's statements, each "KEY=SQL" (KEY one of patterns-insert, patterns-update,
     * metrics-insert, metrics-update).
     *
     * @throws IllegalArgumentException with a one-line reason for a malformed entry
     */
    public static SenderTableWriter with(Iterable<String> overrides) {
        SenderTableWriter w = new SenderTableWriter();
        for (String entry : overrides) {
            int eq = entry.indexOf('=');
            String key = eq < 0 ? entry : entry.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            Statement s = java.util.Arrays.stream(Statement.values()).filter(st -> st.key().equals(key)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("--write-sql takes KEY=SQL with KEY one of "
                            + "patterns-insert, patterns-update, metrics-insert, metrics-update, not " + entry));
            String text = entry.substring(eq + 1).trim();
            if (!text.contains("{id}") || !text.contains("{version}")) {
                throw new IllegalArgumentException("--write-sql " + key + " must contain {id} and {version}");
            }
            w.sql.put(s, text);
        }
        return w;
    }

    /** The statement that commits this snapshot of the record. */
    public String sql(SyncTable table, boolean insert, UUID id, int version) {
        return sql.get(Statement.of(table, insert)).replace("{id}", id.toString()).replace("{version}", Integer.toString(version));
    }

    /** The body field that carries the version: frequency for patterns, jobs_completed for metrics. */
    public static String versionColumn(SyncTable table) {
        return table == SyncTable.PATTERNS ? "frequency" : "jobs_completed";
    }
}
