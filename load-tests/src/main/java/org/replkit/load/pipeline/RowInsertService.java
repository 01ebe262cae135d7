package org.replkit.load.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.replkit.spec.SyncTable;

/**
 * Commits rows into the sender database on Gatling's behalf: POST /rows/approved_patterns and POST
 * /rows/execution_metrics each INSERT one row (autocommit, so the replication trigger fires in its
 * own committed transaction) and answer its id. Gatling has no JDBC action, so it drives the
 * inserts over loopback HTTP; its report then shows the commit latency with the trigger in place.
 * GET /pipeline/verdict answers the audit trail's verdict ({@link PipelineVerdict}).
 */
public final class RowInsertService implements AutoCloseable {

    private static final String INSERT_PATTERN = """
            INSERT INTO public.approved_patterns (name, ecosystem, frequency, confidence, description, examples,
                                                  best_practices, approved_at, last_synced_at, instances_count)
            VALUES (?, 'elixir', ?, 0.94, 'Pattern committed by the pipeline load test',
                    '{"code_snippet": "use GenServer", "usage_context": "stateful workers"}'::jsonb,
                    ARRAY['keep state small'], clock_timestamp(), clock_timestamp(), 1)
            RETURNING id
            """;
    private static final String INSERT_METRICS = """
            INSERT INTO public.execution_metrics (period_start, period_end, jobs_completed, jobs_failed, success_rate,
                                                  avg_execution_time_ms, total_memory_used_mb, p50_execution_time_ms,
                                                  p95_execution_time_ms, p99_execution_time_ms, instance_id)
            VALUES (clock_timestamp() - interval '5 minutes', clock_timestamp(), ?, 3, 0.98, 892, 2450, 750, 2100, 3500,
                    'singularity-load')
            RETURNING id
            """;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HikariDataSource pool;
    private final Javalin app;
    private final AtomicLong committed = new AtomicLong();
    private final AtomicLong sequence = new AtomicLong();

    private RowInsertService(HikariDataSource pool, Function<RowInsertService, String> verdict) {
        this.pool = pool;
        this.app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.routes.post("/rows/" + SyncTable.PATTERNS.tableName(), ctx -> insert(ctx, INSERT_PATTERN, true));
            cfg.routes.post("/rows/" + SyncTable.METRICS.tableName(), ctx -> insert(ctx, INSERT_METRICS, false));
            cfg.routes.get("/pipeline/verdict", ctx -> {
                String problems = verdict.apply(this);
                ObjectNode body = JSON.createObjectNode().put("status", problems == null ? "ok" : "failed");
                if (problems != null) {
                    body.put("problems", problems);
                    ctx.status(409);
                }
                ctx.contentType("application/json").result(JSON.writeValueAsString(body));
            });
        }).start("127.0.0.1", 0);
    }

    /** @param verdict the audit trail's verdict: null when the pipeline delivered everything in time, else the problems */
    public static RowInsertService start(String senderJdbcUrl, int poolSize, Function<RowInsertService, String> verdict) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(senderJdbcUrl);
        config.setMaximumPoolSize(poolSize);
        config.setPoolName("load-row-writer");
        HikariDataSource pool = new HikariDataSource(config);
        try {
            return new RowInsertService(pool, verdict);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    private void insert(Context ctx, String sql, boolean pattern) throws SQLException {
        long n = sequence.incrementAndGet(); // distinct per row even when inserts run concurrently
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (pattern) {
                ps.setString(1, "load_pattern_" + n);
                ps.setLong(2, n);
            } else {
                ps.setLong(1, 150 + n % 10);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                committed.incrementAndGet();
                ctx.contentType("application/json").result(JSON.createObjectNode().put("id", rs.getString(1)).toString());
            }
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + app.port();
    }

    /** Rows committed so far, both tables. */
    public long committed() {
        return committed.get();
    }

    @Override
    public void close() {
        try {
            app.stop();
        } finally {
            pool.close();
        }
    }
}
