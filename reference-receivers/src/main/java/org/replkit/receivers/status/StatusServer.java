package org.replkit.receivers.status;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.javalin.Javalin;
import io.javalin.http.Context;
import org.replkit.receivers.http.BearerAuth;
import org.replkit.receivers.http.ContractErrors;
import org.replkit.receivers.http.JsonResponses;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;
import org.replkit.spec.Enforces;

/**
 * CentralCloud's {@code GET /admin/replication/status}: the registry's active instances and the
 * queue figures of a sender database, behind an admin bearer token; and {@code GET /metrics}, each
 * instance's health (backlog, oldest pending age, paused, failed and superseded items) in the
 * Prometheus text format, behind the same token.
 *
 * <p>Answers: 200 with the spec's document; 401 without the token or with a wrong one; 503 when the
 * database cannot be read. Every error is the contract's error body
 * {@code {"status":"error","error":...,"message":...}}; no stack trace ever reaches a client.
 */
public final class StatusServer implements AutoCloseable {

    public static final String PATH = "/admin/replication/status";
    /** The same health per instance for Prometheus, behind the same admin token. */
    public static final String METRICS_PATH = "/metrics";

    private static final Logger LOG = LoggerFactory.getLogger(StatusServer.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Javalin app;
    private final HikariDataSource pool;
    private final String host;

    private StatusServer(Javalin app, HikariDataSource pool, String host) {
        this.app = app;
        this.pool = pool;
        this.host = host;
    }

    /**
     * Starts the endpoint; returns once it listens.
     *
     * @param host       address to bind, normally 127.0.0.1
     * @param port       port, 0 for a free one
     * @param jdbcUrl    the sender database (user and password in the URL when needed)
     * @param adminToken the bearer token a caller must present
     */
    public static StatusServer start(String host, int port, String jdbcUrl, String adminToken) {
        if (adminToken == null || adminToken.isBlank()) {
            throw new IllegalArgumentException("the status endpoint needs an admin token");
        }
        BearerAuth admin = new BearerAuth(adminToken, "STAT-AUTH-01");
        HikariDataSource pool = pool(jdbcUrl);
        StatusReader reader = new StatusReader(pool, JSON);
        MetricsReader metrics = new MetricsReader(pool);
        try {
            Javalin app = Javalin.create(cfg -> {
                ContractErrors.install(cfg, LOG);
                cfg.routes.beforeMatched(PATH, admin);                                // STAT-AUTH-01
                cfg.routes.get(PATH, ctx -> status(ctx, reader));
                cfg.routes.beforeMatched(METRICS_PATH, admin);                        // STAT-AUTH-01
                cfg.routes.get(METRICS_PATH, ctx -> metrics(ctx, metrics));
            }).start(host, port);
            return new StatusServer(app, pool, host);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    private static HikariDataSource pool(String jdbcUrl) {
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl(jdbcUrl);
        cfg.setPoolName("status-endpoint");
        cfg.setMaximumPoolSize(4);
        cfg.setMinimumIdle(0);
        cfg.setConnectionTimeout(2_000);
        cfg.setValidationTimeout(1_000);
        cfg.setReadOnly(true);
        // Start even when the database is down: the endpoint then answers 503 until it is back.
        cfg.setInitializationFailTimeout(-1);
        return new HikariDataSource(cfg);
    }

    /** Anything but an unreadable database (503) goes to the app's exception handler: 500, no trace. */
    @Enforces({"STAT-SCHEMA-01", "STAT-FIG-01"})
    private static void status(Context ctx, StatusReader reader) throws Exception {
        try {
            ctx.status(200).contentType("application/json").result(JSON.writeValueAsString(reader.read()));
        } catch (SQLException e) {
            LOG.warn("sender database unavailable: {}", e.getMessage());
            JsonResponses.error(ctx, 503, "database_unavailable", "The sender database cannot be read right now.");
        }
    }

    private static void metrics(Context ctx, MetricsReader metrics) throws Exception {
        try {
            ctx.status(200).contentType(MetricsReader.CONTENT_TYPE).result(metrics.read());
        } catch (SQLException e) {
            LOG.warn("sender database unavailable: {}", e.getMessage());
            JsonResponses.error(ctx, 503, "database_unavailable", "The sender database cannot be read right now.");
        }
    }

    public int port() {
        return app.port();
    }

    /** For example http://127.0.0.1:4100/admin/replication/status. */
    public String url() {
        return "http://" + host + ":" + port() + PATH;
    }

    @Override
    public void close() {
        app.stop();
        pool.close();
    }
}
