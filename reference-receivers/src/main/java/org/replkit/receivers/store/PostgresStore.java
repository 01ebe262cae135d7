package org.replkit.receivers.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import org.postgresql.Driver;
import org.replkit.receivers.record.RecordKind;
import org.replkit.receivers.record.Snapshot;
import org.replkit.spec.Enforces;

/**
 * Records in PostgreSQL, one typed table per kind, through a HikariCP pool, with group commit:
 * the deliveries waiting when a writer is free are taken together ({@link GroupCommit}) and
 * upserted in one transaction, one multi-row
 * {@code INSERT ... ON CONFLICT (id) DO UPDATE ... WHERE stored.updated_at <= EXCLUDED.updated_at}
 * statement per kind ({@link KindUpserts}); each delivery is acknowledged only after that commit,
 * with its own stored row and the record count. Concurrent deliveries and stale snapshots are
 * settled by the database itself.
 *
 * <p>The count is kept by the database ({@link StoreSchema}): statement triggers add the rows each
 * statement inserted (or deleted) to one of several counter rows, so counting costs the same at a
 * million rows as at ten, concurrent inserts rarely wait on one counter row, and every process
 * sharing the database, or a row inserted by hand in SQL, keeps the same count.
 *
 * <p>Tables live in the schema named by the URL's {@code currentSchema} parameter, or in
 * {@code receiver}; they are created on start when missing.
 */
public final class PostgresStore implements RecordStore {

    public static final String DEFAULT_SCHEMA = "receiver";

    /**
     * Longest a statement may run. With the pool's 2 s wait for a connection the delivery is
     * answered (503 at worst, which the sender retries) inside the sender's 5 s timeout (SYNC-TIME-01).
     */
    static final int STATEMENT_TIMEOUT_MS = 2_500;
    private static final int CONNECTION_TIMEOUT_MS = 2_000;

    private final HikariDataSource pool;
    private final StoreSchema schema;
    private final String description;
    private final CommitHook beforeCommit;
    private final Map<RecordKind, KindUpserts> upserts = new EnumMap<>(RecordKind.class);
    private final GroupCommit groupCommit;

    private PostgresStore(HikariDataSource pool, StoreSchema schema, String description, CommitHook beforeCommit) {
        this.pool = pool;
        this.schema = schema;
        this.description = description;
        this.beforeCommit = beforeCommit;
        for (RecordKind kind : RecordKind.values()) {
            upserts.put(kind, new KindUpserts(kind, schema));
        }
        // One writer per two cores, each writing one batch at a time on a connection of its own; the
        // others stay free for counts and reads. Fewer writers make larger batches, so fewer commits and
        // statements per delivery (on 2 cores, alternated runs on a quiet machine: 1 writer reached 0.68
        // and 0.77 of raw pgbench upserts, 2 writers 0.58 and 0.66, 4 writers 0.40).
        this.groupCommit = new GroupCommit(this::writeBatch,
                Math.max(1, Math.min(Runtime.getRuntime().availableProcessors() / 2, pool.getMaximumPoolSize() - 1)));
    }

    /**
     * Connects, creates the schema, tables and count keeping when missing, and returns the store.
     *
     * @throws StoreUnavailableException when the database cannot be reached
     * @throws IllegalArgumentException  when the URL is not a PostgreSQL JDBC URL
     */
    public static PostgresStore open(String jdbcUrl) {
        return open(jdbcUrl, CommitHook.NONE);
    }

    /** As {@link #open(String)}, with a hook run before each commit (the kit's tests plant defects with it). */
    public static PostgresStore open(String jdbcUrl, CommitHook beforeCommit) {
        Properties parsed = Driver.parseURL(jdbcUrl, null);
        if (parsed == null) {
            throw new IllegalArgumentException("not a PostgreSQL JDBC URL (jdbc:postgresql://host:port/db?user=..&password=..): " + jdbcUrl);
        }
        String schemaName = parsed.getProperty("currentSchema", DEFAULT_SCHEMA);
        if (!schemaName.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("currentSchema must be a plain lower-case identifier: " + schemaName);
        }
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(poolConfig(jdbcUrl));
        } catch (RuntimeException e) {
            throw new StoreUnavailableException("cannot connect to " + describe(parsed) + ": " + rootMessage(e), e);
        }
        StoreSchema schema = new StoreSchema(schemaName);
        try (Connection c = pool.getConnection()) {
            schema.create(c);
        } catch (SQLException e) {
            pool.close();
            throw new StoreUnavailableException("cannot create the receiver tables in " + describe(parsed) + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        return new PostgresStore(pool, schema, describe(parsed), beforeCommit);
    }

    @Enforces({"SYNC-TIME-01", "SYNC-TIME-02"})
    private static HikariConfig poolConfig(String jdbcUrl) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setPoolName("receiver-store");
        // SYNC-TIME-02: a burst drains fastest through HikariCP's rule of thumb, twice the cores plus one:
        // more connections than the database can run at once only queue inside it; fewer leave cores
        // idle while a commit waits on the disk.
        config.setMaximumPoolSize(2 * Runtime.getRuntime().availableProcessors() + 1);
        // SYNC-TIME-01: give up well inside the sender's 5 s timeout so the sender hears 503, not silence.
        config.setConnectionTimeout(CONNECTION_TIMEOUT_MS);
        config.setInitializationFailTimeout(CONNECTION_TIMEOUT_MS);
        // SYNC-IDEM-05: an acknowledged record survives a crash of the database too, whatever the
        // database's or the URL's default: the commit returns only once it is flushed to disk.
        config.setConnectionInitSql("SET statement_timeout = " + STATEMENT_TIMEOUT_MS + "; SET synchronous_commit = on");
        // Server-side prepared statements from the first execution (a URL parameter still wins).
        config.addDataSourceProperty("prepareThreshold", "1");
        return config;
    }

    @Override
    public UpsertOutcome upsert(Snapshot snapshot) {
        // The column values are made here, on the request's thread, in parallel with the other requests;
        // the writers, one batch at a time each, only gather them into arrays.
        return groupCommit.submit(upserts.get(snapshot.kind()).delivery(snapshot));
    }

    /**
     * One batch, one transaction: the upserts of each kind, the hook, COMMIT, and only then the
     * answers. A value the database refuses fails the whole statement, so the batch is then written
     * again one delivery per transaction, and only the delivery with that value is refused.
     */
    void writeBatch(List<Delivery> batch) {
        try (Connection c = pool.getConnection()) {
            try {
                inOneTransaction(c, batch);
            } catch (SQLException e) {
                rollback(c);
                RuntimeException failure = translate(e);
                if (!(failure instanceof ValueRejectedException) || batch.size() == 1) {
                    batch.forEach(d -> d.fail(failure));
                    return;
                }
                for (Delivery d : batch) {
                    try {
                        inOneTransaction(c, List.of(d));
                    } catch (SQLException one) {
                        rollback(c);
                        d.fail(translate(one));
                    }
                }
            }
        } catch (SQLException e) {
            RuntimeException failure = translate(e);
            batch.forEach(d -> d.fail(failure));
        }
    }

    private void inOneTransaction(Connection c, List<Delivery> batch) throws SQLException {
        KindUpserts firstKind = upserts.get(batch.get(0).snapshot.kind());
        if (beforeCommit == CommitHook.NONE && firstKind.isOneStatement(batch)) {
            // One statement is its own transaction: its answer comes after COMMIT, one round trip to the
            // database instead of two (the statement, then COMMIT).
            c.setAutoCommit(true);
            firstKind.upsert(c, batch);
            // SYNC-IDEM-05: acknowledged only once committed (and flushed: synchronous_commit is on).
            batch.forEach(Delivery::answer);
            return;
        }
        c.setAutoCommit(false);
        for (RecordKind kind : RecordKind.values()) {
            List<Delivery> ofKind = batch.stream().filter(d -> d.snapshot.kind() == kind).toList();
            if (!ofKind.isEmpty()) {
                upserts.get(kind).upsert(c, ofKind);
            }
        }
        beforeCommit.beforeCommit(() -> batch.forEach(Delivery::answer));
        c.commit();
        // SYNC-IDEM-05: acknowledged only once committed, so a kill after the answer loses nothing.
        batch.forEach(Delivery::answer);
    }

    private static void rollback(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // The connection is broken; the pool discards it.
        }
    }

    /** A setting of the store's sessions, e.g. synchronous_commit (for tests). */
    String sessionSetting(String name) {
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT current_setting(?)")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    @Override
    public long count(RecordKind kind) {
        try (Connection c = pool.getConnection();
             PreparedStatement ps = c.prepareStatement(upserts.get(kind).countQuery());
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    @Override
    public Optional<Snapshot> find(RecordKind kind, UUID id) {
        try (Connection c = pool.getConnection();
             PreparedStatement ps = c.prepareStatement(upserts.get(kind).select())) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(KindUpserts.read(kind, rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public void close() {
        groupCommit.close();
        pool.close();
    }

    /**
     * Connection trouble (SQLSTATE class 08, 53, 57, 40, pool timeouts) passes: 503 so the sender
     * retries. A value the database refuses (class 22, 23) or one beyond its limits (class 54) can
     * never succeed: 400 (SYNC-ERR-07). Anything else is a bug.
     */
    private static RuntimeException translate(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (e instanceof SQLTransientException || state.startsWith("08") || state.startsWith("53")
                || state.startsWith("57") || state.startsWith("40")) {
            return new StoreUnavailableException("storage unavailable: " + e.getMessage(), e);
        }
        if (state.startsWith("22") || state.startsWith("23") || state.startsWith("54")) {
            return new ValueRejectedException(e.getMessage(), e);
        }
        return new IllegalStateException("database error " + state, e);
    }

    private static String describe(Properties parsed) {
        return "postgresql://" + parsed.getProperty("PGHOST", "localhost") + ":" + parsed.getProperty("PGPORT", "5432")
                + "/" + parsed.getProperty("PGDBNAME", "");
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
