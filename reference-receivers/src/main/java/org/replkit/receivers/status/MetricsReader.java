package org.replkit.receivers.status;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * The sender's health per instance in the Prometheus text exposition format (version 0.0.4), for
 * {@code GET /metrics}: backlog, age of the oldest pending item, paused and deactivated instances,
 * failed and superseded items, read through {@code replication.instance_health()} in one statement.
 */
final class MetricsReader {

    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private static final String QUERY = "SELECT h.instance_id::text, h.instance_name, h.state, h.backlog, "
            + "coalesce(extract(epoch FROM clock_timestamp() - h.oldest_pending_at), 0)::float8, h.failed, h.superseded "
            + "FROM replication.instance_health() h";

    private record Row(String id, String name, String state, long backlog, double oldestAge, long failed, long superseded) {
        String labels() {
            return "{instance_id=\"" + escape(id) + "\",instance_name=\"" + escape(name) + "\"}";
        }
    }

    private final DataSource dataSource;

    MetricsReader(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** SND-PAUSE-01: what an operator alerts on, per instance. */
    String read() throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(QUERY)) {
            while (rs.next()) {
                rows.add(new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getDouble(5),
                        rs.getLong(6), rs.getLong(7)));
            }
        }
        StringBuilder out = new StringBuilder();
        gauge(out, rows, "replication_backlog_items", "Items pending or in flight for the instance.", r -> r.backlog);
        gauge(out, rows, "replication_oldest_pending_age_seconds",
                "Age of the instance's oldest item pending or in flight (0 when none).", r -> r.oldestAge);
        gauge(out, rows, "replication_instance_paused", "1 while the instance is paused (unreachable; only probes go out).",
                r -> "paused".equals(r.state) ? 1 : 0);
        gauge(out, rows, "replication_instance_deactivated", "1 once the instance answered 410 Gone, until registered again.",
                r -> "deactivated".equals(r.state) ? 1 : 0);
        gauge(out, rows, "replication_failed_items", "Items of the instance that ended failed (kept for the retention).",
                r -> r.failed);
        gauge(out, rows, "replication_superseded_items",
                "Items of the instance superseded by a newer snapshot of their record (kept for the retention).", r -> r.superseded);
        out.append("# HELP replication_paused_instances Instances paused now.\n")
                .append("# TYPE replication_paused_instances gauge\n")
                .append("replication_paused_instances ").append(rows.stream().filter(r -> "paused".equals(r.state)).count())
                .append('\n');
        return out.toString();
    }

    private static void gauge(StringBuilder out, List<Row> rows, String name, String help,
                              java.util.function.ToDoubleFunction<Row> value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(" gauge\n");
        for (Row r : rows) {
            double v = value.applyAsDouble(r);
            out.append(name).append(r.labels()).append(' ')
                    .append(v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.3f", v)).append('\n');
        }
    }

    /** Label values escape backslash, double quote and line feed (the exposition format's rule). */
    static String escape(String value) {
        return value == null ? "" : value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
