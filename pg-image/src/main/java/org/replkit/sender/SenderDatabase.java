package org.replkit.sender;

import org.replkit.spec.SyncTable;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The sender database (CentralCloud) for tests, the conformance suite and the load tests: Postgres
 * with pg_cron, pg_net (or its stand-in) and the kit's trigger schema, which pushes every committed
 * INSERT or UPDATE of approved_patterns / execution_metrics to the registered receivers.
 *
 * <pre>{@code
 * try (SenderDatabase sender = SenderDatabase.start()) {          // Docker if present, else debootstrap
 *     sender.setTiming(SenderTiming.FAST);                           // scaled down for tests
 *     sender.registerInstance("singularity-1", receiver.patternsUrl(), SyncTable.PATTERNS);
 *     try (Connection c = sender.connection()) { ... INSERT INTO approved_patterns ... }
 *     sender.awaitSettled(Duration.ofSeconds(30));
 * }
 * }</pre>
 *
 * Three ways to get one: {@link #start(Backend)} with {@link Backend#DOCKER} (pg-image/Dockerfile via
 * Testcontainers' PostgreSQLContainer), {@link Backend#DEBOOTSTRAP} (Debian 13 root filesystem in a
 * chroot, needs root) or {@link Backend#AUTO} (Docker when an engine answers and has the base image,
 * else debootstrap); or {@link #connect(String)} to a database the user runs. Every path applies the
 * schema the same way (Flyway, {@link Migrations}) and refuses, in one line, a database whose pg_cron
 * or pg_net settings would keep it from sending. Thread-safe; every call opens its own short connection.
 */
public final class SenderDatabase implements AutoCloseable {

    /** Where the database runs. */
    public enum Backend { AUTO, DOCKER, DEBOOTSTRAP }

    private final SenderServer server;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread shutdownHook;

    private SenderDatabase(SenderServer server, boolean stopWithJvm) {
        this.server = server;
        this.shutdownHook = stopWithJvm ? new Thread(this::stopServer, "sender-database-stop") : null;
        if (shutdownHook != null) {
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }
    }

    /** Docker if an engine answers, else the debootstrap root filesystem. */
    public static SenderDatabase start() {
        return start(Backend.AUTO);
    }

    /** Starts a fresh sender database with the schema applied; stopped by {@link #close()} or JVM exit. */
    public static SenderDatabase start(Backend backend) {
        SenderServer server = switch (resolve(backend, true)) {
            // Through Testcontainers where its settings for an offline engine are made, else the docker
            // command line (stopped by close() or with the JVM all the same): no variable to set by hand.
            case DOCKER -> DockerPostgres.testcontainersProblem() == null ? DockerPostgres.start() : DockerCliPostgres.start();
            default -> ChrootPostgres.start(false);
        };
        return migrated(server, true);
    }

    /**
     * Uses a database the caller runs: pg_cron in shared_preload_libraries with cron.database_name set
     * to it; pg_net preloaded with pg_net.database_name set to it (or the http extension for the
     * stand-in, with pg_net.database_name set too). Applies what is missing of the schema, upgrades a
     * database made by an older kit, and refuses one that cannot send (the reason in one line).
     * {@link #close()} leaves that server running.
     */
    public static SenderDatabase connect(String jdbcUrl) {
        return migrated(new ExternalServer(jdbcUrl), false);
    }

    /** For {@code ./kit sender up}: a server that outlives this JVM. */
    static SenderServer startDetached(Backend backend) {
        SenderServer server = switch (resolve(backend, false)) {
            case DOCKER -> DockerCliPostgres.start();
            default -> ChrootPostgres.start(true);
        };
        try {
            migrated(server, false);
            return server;
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /**
     * AUTO: Docker only where a container can start without a registry (an engine answers and has the
     * base image; through Testcontainers, also Testcontainers' settings for such an engine), else debootstrap.
     */
    static Backend resolve(Backend backend, boolean viaTestcontainers) {
        if (backend != Backend.AUTO) {
            return backend;
        }
        boolean docker = viaTestcontainers ? DockerPostgres.usableOffline()
                : DockerPostgres.available() && DockerImage.baseAvailable();
        return docker ? Backend.DOCKER : Backend.DEBOOTSTRAP;
    }

    private static SenderDatabase migrated(SenderServer server, boolean stopWithJvm) {
        try {
            Migrations.apply(server.jdbcUrl());
            List<String> problems = setupProblems(server.jdbcUrl());
            if (!problems.isEmpty()) {
                // One line: the first problem; they are independent, and the first is enough to act on.
                throw new IllegalStateException("the sender database cannot send: " + problems.get(0)
                        + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more: ./kit sender status)" : ""));
            }
        } catch (SQLException | RuntimeException e) {
            if (stopWithJvm) {
                server.close();
            }
            String message = e.getMessage();
            throw new IllegalStateException(message != null && message.startsWith("the sender database cannot send")
                    ? message : "cannot apply the sender schema to " + server.kind() + " database: " + message, e);
        }
        return new SenderDatabase(server, stopWithJvm);
    }

    /** replication.setup_problems(): one line per setting that keeps the database from sending; empty when none. */
    static List<String> setupProblems(String jdbcUrl) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl); Statement st = c.createStatement()) {
            return lines(st, "SELECT unnest(replication.setup_problems())");
        }
    }

    /** The first column of every row a query returns: the sender's functions answer lists of lines. */
    static List<String> lines(Statement st, String query) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (ResultSet rs = st.executeQuery(query)) {
            while (rs.next()) {
                lines.add(rs.getString(1));
            }
        }
        return lines;
    }

    /** JDBC URL, user (and password) included. */
    public String jdbcUrl() {
        return server.jdbcUrl();
    }

    /** "docker", "debootstrap" or "external". */
    public String kind() {
        return server.kind();
    }

    /** "pg_net" or "pgnet-compat": which one sends the HTTP requests. */
    public String netProvider() {
        try (Connection c = connection()) {
            return Migrations.netProvider(c);
        } catch (SQLException e) {
            throw failure("netProvider", e);
        }
    }

    /** What the database server has logged so far (empty for a database the user runs). */
    public String serverLog() {
        return server.serverLog();
    }

    /** A new connection to the sender database; the caller closes it. */
    public Connection connection() throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl());
    }

    /** Registers a receiver for a table (replication.register_instance); returns its instance id. */
    public UUID registerInstance(String name, String httpEndpoint, SyncTable table) {
        return registerInstance(name, httpEndpoint, table, null);
    }

    /** As {@link #registerInstance(String, String, SyncTable)}, with a bearer token sent on every delivery. */
    public UUID registerInstance(String name, String httpEndpoint, SyncTable table, String authToken) {
        return registerInstance(name, httpEndpoint, table, authToken, null);
    }

    /**
     * As above, and every delivery signed (Standard Webhooks) with the signing secret, {@code whsec_}
     * + base64, when one is given. Both secrets travel as bound parameters, so no statement text (nor
     * the server's log of a failing one) holds them.
     */
    public UUID registerInstance(String name, String httpEndpoint, SyncTable table, String authToken, String signingSecret) {
        return queryOne("registerInstance", UUID.class, "SELECT replication.register_instance(instance_name => ?, "
                        + "http_endpoint => ?, table_name => ?, auth_token => ?, signing_secret => ?)",
                name, httpEndpoint, table.tableName(), authToken, signingSecret);
    }

    /** Stops sending to an instance; its unsent items end as failed. False for an unknown id. */
    public boolean deactivateInstance(UUID instanceId) {
        return queryOne("deactivateInstance", Boolean.class, "SELECT replication.deactivate_instance(?)", instanceId);
    }

    /** Sets the timing (replication.configure) and reschedules the pg_cron job to the new cadence. */
    public void setTiming(SenderTiming timing) {
        queryOne("setTiming", String.class, "SELECT replication.configure(cadence_seconds => ?, timeout_ms => ?, "
                        + "backoff_seconds => ?::numeric[], max_retries => ?)::text", timing.cadenceSeconds(), timing.timeoutMillis(),
                timing.backoffSeconds().toArray(Double[]::new), timing.maxRetries());
    }

    public SenderTiming timing() {
        try (Connection c = connection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT cadence_seconds, timeout_ms, backoff_seconds, max_retries FROM replication.settings")) {
            rs.next();
            List<Double> backoffs = Arrays.stream((BigDecimal[]) rs.getArray(3).getArray()).map(BigDecimal::doubleValue).toList();
            return new SenderTiming(rs.getInt(1), rs.getInt(2), backoffs, rs.getInt(4));
        } catch (SQLException e) {
            throw failure("timing", e);
        }
    }

    /**
     * Sets the sender's tuning (replication.configure): items handed to pg_net per tick,
     * pg_net.batch_size (server-wide, as pg_net 0.20 reads it: ALTER SYSTEM, reload and a worker
     * restart, which configure hands to pg_cron; this waits until the setting is in force) and the
     * stand-in's sender count (stand-in only).
     */
    public void setTuning(SenderTuning tuning) {
        queryOne("setTuning", String.class, "SELECT replication.configure(dispatch_batch_size => ?, "
                        + "pgnet_batch_size => ?::integer, standin_workers => ?)::text",
                tuning.dispatchBatchSize(), tuning.pgnetBatchSize(), tuning.standinWorkers());
        if (tuning.pgnetBatchSize() != null) {
            awaitServerSetting("pg_net.batch_size", tuning.pgnetBatchSize().toString(), Duration.ofSeconds(20));
        }
    }

    /**
     * Waits until a new session sees the server-wide setting at that value and pg_cron's one-off jobs that
     * applied it have unscheduled themselves (pg_cron applies it within seconds).
     */
    void awaitServerSetting(String name, String value, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        String seen = null;
        while (System.nanoTime() < deadline) {
            try (Connection c = connection(); PreparedStatement ps = c.prepareStatement("SELECT coalesce(current_setting(?, true), ''), "
                    + "(SELECT count(*) FROM cron.job WHERE jobname LIKE 'replication-set-%' OR jobname = 'replication-apply-server-settings')")) {
                ps.setString(1, name);
                long jobsLeft;
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    seen = rs.getString(1);
                    jobsLeft = rs.getLong(2);
                }
                if (value.equals(seen) && jobsLeft == 0) {
                    return;
                }
                Thread.sleep(200);
            } catch (SQLException e) {
                throw failure("awaitServerSetting", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + name, e);
            }
        }
        throw new IllegalStateException(name + " is still " + seen + ", not " + value + ", after " + limit.toSeconds()
                + " s: see cron.job_run_details for job replication-set-" + name);
    }

    public SenderTuning tuning() {
        try (Connection c = connection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT dispatch_batch_size, pgnet_batch_size, standin_workers FROM replication.settings")) {
            rs.next();
            return new SenderTuning(rs.getInt(1), (Integer) rs.getObject(2), rs.getInt(3));
        } catch (SQLException e) {
            throw failure("tuning", e);
        }
    }

    /** Removes final items older than the given age, and their attempt log (replication.prune); returns how many. */
    public int prune(Duration olderThan) {
        return queryOne("prune", Integer.class, "SELECT replication.prune(make_interval(secs => ?))", olderThan.toMillis() / 1000.0);
    }

    static final String HEALTH_ERRORS = "SELECT jsonb_array_elements_text(replication.health()->'errors')";

    /** The errors the status endpoint reports (replication.health()): setup problems and stalled requests. */
    public List<String> healthErrors() {
        try (Connection c = connection(); Statement st = c.createStatement()) {
            return lines(st, HEALTH_ERRORS);
        } catch (SQLException e) {
            throw failure("healthErrors", e);
        }
    }

    /** The sender's queue, read through this database's connections. */
    public ReplicationApi replication() {
        return new ReplicationApi(this::connection);
    }

    /** replication.get_queue_stats(), from one snapshot. */
    public QueueStats queueStats() {
        try {
            return replication().queueStats();
        } catch (SQLException e) {
            throw failure("queueStats", e);
        }
    }

    /** Waits until nothing is pending or in flight; returns the final figures, or throws on timeout. */
    public QueueStats awaitSettled(Duration limit) {
        try {
            long open = replication().awaitSettled(ReplicationApi.Scope.wholeQueue(), limit, Duration.ofMillis(100), n -> { });
            if (open > 0) {
                throw new IllegalStateException("the replication queue did not settle within " + limit + ": " + queueStats());
            }
            return queueStats();
        } catch (SQLException e) {
            throw failure("awaitSettled", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** True when {@link #stopImmediately()} and {@link #startAgain()} work (the debootstrap and Docker backends). */
    public boolean canCrashAndRestart() {
        return server.canCrashAndRestart();
    }

    /**
     * Stops the sender's PostgreSQL as a crash would: {@code pg_ctl stop -m immediate}, no checkpoint.
     * The data stays for {@link #startAgain()}, whose crash recovery empties pg_net's unlogged tables.
     *
     * @throws UnsupportedOperationException on a backend that cannot do it ({@link #canCrashAndRestart()})
     */
    public void stopImmediately() {
        server.stopImmediately();
    }

    /** Starts the server stopped by {@link #stopImmediately()} again, same data and URL; returns once it answers. */
    public void startAgain() {
        server.startAgain();
    }

    /**
     * Empties the sender for the next test: instances, queue, attempt log and both tables, and puts
     * every setting back to its default (the spec's timing, sending enabled, the lost-request grace,
     * retention, the tuning).
     * Waits for a running dispatch tick to finish first.
     */
    public void reset() {
        try (Connection c = connection(); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            st.execute("SELECT pg_advisory_xact_lock(hashtext('replication.tick'))");
            st.execute("TRUNCATE replication.delivery_attempts, replication.replication_queue, replication.signing_secrets, replication.instances, "
                    + "public.approved_patterns, public.execution_metrics");
            st.execute("DELETE FROM net.http_request_queue");
            boolean batchSizeWasSet;
            try (ResultSet rs = st.executeQuery("SELECT pgnet_batch_size IS NOT NULL FROM replication.settings")) {
                batchSizeWasSet = rs.next() && rs.getBoolean(1);
            }
            st.execute("DELETE FROM replication.settings");
            st.execute("INSERT INTO replication.settings DEFAULT VALUES");
            c.commit();
            c.setAutoCommit(true);
            if (batchSizeWasSet) {
                // Server-wide, as pg_net 0.20 reads it; top-level statements, which ALTER SYSTEM needs.
                st.execute("ALTER SYSTEM RESET pg_net.batch_size");
                st.execute("SELECT pg_reload_conf()");
                st.execute("SELECT pg_sleep(0.5), net.worker_restart()");
            }
        } catch (SQLException e) {
            throw failure("reset", e);
        }
        setTiming(SenderTiming.SPEC); // reschedules pg_cron to the default cadence
    }

    @Override
    public void close() {
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down; the hook does the work
            }
        }
        stopServer();
    }

    private void stopServer() {
        if (closed.compareAndSet(false, true)) {
            server.close();
        }
    }

    /** The first column of the statement's first row, {@code params} bound in order; a failure names {@code what}. */
    private <T> T queryOne(String what, Class<T> type, String sql, Object... params) {
        try (Connection c = connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                if (params[i] == null) {
                    ps.setNull(i + 1, java.sql.Types.VARCHAR); // typed as text, as setString sends it; a cast in the SQL retypes it
                } else {
                    ps.setObject(i + 1, params[i]);
                }
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getObject(1, type);
            }
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    private static IllegalStateException failure(String what, SQLException e) {
        return new IllegalStateException(what + " failed: " + e.getMessage(), e);
    }

    /** A database the user runs: never stopped by the kit. */
    private record ExternalServer(String jdbcUrl) implements SenderServer {
        @Override
        public String kind() {
            return "external";
        }

        @Override
        public void close() {
            // not ours to stop
        }
    }
}
