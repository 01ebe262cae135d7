package org.replkit.receivers.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.postgresql.Driver;
import org.replkit.receivers.record.Field;
import org.replkit.receivers.record.FieldType;
import org.replkit.receivers.record.RecordJson;
import org.replkit.receivers.record.RecordKind;
import org.replkit.receivers.record.RecordValidator;
import org.replkit.receivers.record.Snapshot;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import org.replkit.spec.Enforces;

/**
 * Records in PostgreSQL, one typed table per kind, through a HikariCP pool. A delivery is one
 * statement and one round trip: the upsert
 * {@code INSERT ... ON CONFLICT (id) DO UPDATE ... WHERE stored.updated_at <= EXCLUDED.updated_at}
 * returns the stored row, whether it inserted, and the record count, so concurrent deliveries and
 * stale snapshots are settled by the database itself.
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
    /**
     * Deliveries take the pool's connections in arrival order. HikariCP hands a returned connection
     * to whichever thread asks next, often the one that just returned it, so under a burst some
     * deliveries wait far longer than the burst takes to drain (SYNC-TIME-02); and a thread
     * returning a connection while others wait spins until one takes it.
     */
    private final Semaphore turns;
    private final StoreSchema schema;
    private final String description;
    private final Map<RecordKind, Statements> statements = new EnumMap<>(RecordKind.class);

    /** The SQL of one kind, built once from its fields. */
    private record Statements(String upsert, String selectWithCount, String select, String count) {}

    private PostgresStore(HikariDataSource pool, StoreSchema schema, String description) {
        this.pool = pool;
        this.turns = new Semaphore(pool.getMaximumPoolSize(), true);
        this.schema = schema;
        this.description = description;
        for (RecordKind kind : RecordKind.values()) {
            statements.put(kind, buildStatements(kind));
        }
    }

    /**
     * Connects, creates the schema, tables and count keeping when missing, and returns the store.
     *
     * @throws StoreUnavailableException when the database cannot be reached
     * @throws IllegalArgumentException  when the URL is not a PostgreSQL JDBC URL
     */
    public static PostgresStore open(String jdbcUrl) {
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
        return new PostgresStore(pool, schema, describe(parsed));
    }

    @Enforces({"SYNC-TIME-01", "SYNC-TIME-02"})
    private static HikariConfig poolConfig(String jdbcUrl) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setPoolName("receiver-store");
        // SYNC-TIME-02: a burst drains fastest through HikariCP's rule of thumb, twice the cores plus one:
        // more connections than the database can run at once only queue inside it; fewer leave cores
        // idle while a commit waits on the disk. Each delivery holds a connection for one round trip.
        config.setMaximumPoolSize(2 * Runtime.getRuntime().availableProcessors() + 1);
        // SYNC-TIME-01: give up well inside the sender's 5 s timeout so the sender hears 503, not silence.
        config.setConnectionTimeout(CONNECTION_TIMEOUT_MS);
        config.setInitializationFailTimeout(CONNECTION_TIMEOUT_MS);
        config.setConnectionInitSql("SET statement_timeout = " + STATEMENT_TIMEOUT_MS);
        // Server-side prepared statements from the first execution (a URL parameter still wins).
        config.addDataSourceProperty("prepareThreshold", "1");
        return config;
    }

    private Statements buildStatements(RecordKind kind) {
        List<Field> fields = kind.fields();
        String table = schema.table(kind);
        String columns = fields.stream().map(Field::name).collect(Collectors.joining(", "));
        // Timestamps and jsonb travel as text and are read by PostgreSQL, which parses them faster than Java binds them.
        String values = fields.stream().map(f -> isJson(f) ? "CAST(? AS jsonb)" : f.type() == FieldType.TIMESTAMP ? "CAST(? AS timestamptz)" : "?")
                .collect(Collectors.joining(", "));
        String updates = fields.stream().filter(f -> !isKey(f))
                .map(f -> f.name() + " = EXCLUDED." + f.name()).collect(Collectors.joining(", "));
        String count = schema.countFunction() + "('" + kind.table() + "')";
        String upsert = "WITH up AS ("
                // SYNC-IDEM-01, SYNC-IDEM-04: one row per id, concurrent deliveries settled by the unique key.
                + "INSERT INTO " + table + " AS stored (" + columns + ") VALUES (" + values + ")"
                + " ON CONFLICT (id) DO UPDATE SET " + updates
                // SYNC-IDEM-02, SYNC-IDEM-03: the newest updated_at wins, a tie replaces, an older one changes nothing.
                + " WHERE stored.updated_at <= EXCLUDED.updated_at"
                // SYNC-COUNT-01: xmax is 0 only on a row this statement inserted (an update leaves its lock there).
                + " RETURNING " + columns + ", (xmax = 0) AS inserted)"
                // The count is read in a fresh snapshot (a volatile function) that sees every commit up to now,
                // including a concurrent insert of this very id that this statement waited for; this
                // statement's own insert is counted when it ends, so it is added here.
                + " SELECT " + columns + ", inserted, true AS applied, " + count + " + inserted::int AS record_count FROM up"
                + " UNION ALL"
                // SYNC-IDEM-03: the snapshot was stale; answer with the stored row.
                + " SELECT " + columns + ", false, false, " + count + " FROM " + table
                + " WHERE id = ? AND NOT EXISTS (SELECT 1 FROM up)";
        String select = "SELECT " + columns + " FROM " + table + " WHERE id = ?";
        String selectWithCount = "SELECT " + columns + ", false, false, " + count + " FROM " + table + " WHERE id = ?";
        return new Statements(upsert, selectWithCount, select, "SELECT " + count);
    }

    @Override
    public UpsertOutcome upsert(Snapshot snapshot) {
        awaitTurn();
        try {
            return upsertInTurn(snapshot);
        } finally {
            turns.release();
        }
    }

    private void awaitTurn() {
        try {
            if (!turns.tryAcquire(CONNECTION_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                throw new StoreUnavailableException("storage busy: no connection within " + CONNECTION_TIMEOUT_MS + " ms", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted while waiting for a connection", e);
        }
    }

    private UpsertOutcome upsertInTurn(Snapshot snapshot) {
        RecordKind kind = snapshot.kind();
        Statements sql = statements.get(kind);
        int n = kind.fields().size();
        try (Connection c = pool.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement(sql.upsert())) {
                bind(ps, kind.fields(), snapshot.fields());
                ps.setObject(n + 1, snapshot.id());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return outcome(kind, snapshot, rs, n);
                    }
                }
            }
            // A stale snapshot of a row that a concurrent delivery inserted after this statement's
            // snapshot was taken: the row exists but was invisible to it. A new statement sees it.
            try (PreparedStatement ps = c.prepareStatement(sql.selectWithCount())) {
                ps.setObject(1, snapshot.id());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return outcome(kind, snapshot, rs, n);
                    }
                }
            }
            throw new IllegalStateException("row " + snapshot.id() + " neither written nor present");
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    /** When the snapshot was applied the stored row is the snapshot itself, so only a stale one is read back. */
    private static UpsertOutcome outcome(RecordKind kind, Snapshot sent, ResultSet rs, int n) throws SQLException {
        boolean applied = rs.getBoolean(n + 2);
        long count = rs.getLong(n + 3);
        return new UpsertOutcome(applied ? sent : read(kind, rs), applied, count);
    }

    @Override
    public long count(RecordKind kind) {
        try (Connection c = pool.getConnection();
             PreparedStatement ps = c.prepareStatement(statements.get(kind).count());
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
             PreparedStatement ps = c.prepareStatement(statements.get(kind).select())) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(kind, rs)) : Optional.empty();
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
        pool.close();
    }

    private static void bind(PreparedStatement ps, List<Field> fields, ObjectNode values) throws SQLException {
        int i = 1;
        for (Field f : fields) {
            JsonNode v = values.get(f.name());
            boolean isNull = v == null || v.isNull();
            switch (f.type()) {
                case UUID -> ps.setObject(i, UUID.fromString(v.stringValue()));
                case TEXT -> ps.setString(i, isNull ? null : v.stringValue());
                case INTEGER -> {
                    if (isNull) ps.setNull(i, Types.BIGINT); else ps.setLong(i, v.longValue());
                }
                case NUMBER -> {
                    if (isNull) ps.setNull(i, Types.DOUBLE); else ps.setDouble(i, v.doubleValue());
                }
                case TIMESTAMP -> ps.setString(i, isNull ? null : v.stringValue());     // canonical: RFC 3339 in UTC
                case JSON_OBJECT, JSON_ARRAY -> ps.setString(i, isNull ? null : RecordJson.writeString(v));
                default -> throw new IllegalStateException("unknown field type " + f.type());
            }
            i++;
        }
    }

    /** The row under the cursor, columns in the order of the kind's fields. */
    private static Snapshot read(RecordKind kind, ResultSet rs) throws SQLException {
        JsonNodeFactory json = JsonNodeFactory.instance;
        ObjectNode fields = json.objectNode();
        int i = 1;
        for (Field f : kind.fields()) {
            JsonNode value = switch (f.type()) {
                case UUID -> json.stringNode(rs.getObject(i, UUID.class).toString());
                case TEXT -> textOrNull(rs.getString(i));
                case INTEGER -> {
                    long l = rs.getLong(i);
                    yield rs.wasNull() ? json.nullNode() : json.numberNode(l);
                }
                case NUMBER -> {
                    double d = rs.getDouble(i);
                    yield rs.wasNull() ? json.nullNode() : json.numberNode(d);
                }
                case TIMESTAMP -> {
                    OffsetDateTime t = rs.getObject(i, OffsetDateTime.class);
                    yield t == null ? json.nullNode() : json.stringNode(RecordValidator.formatTimestamp(t.toInstant()));
                }
                case JSON_OBJECT, JSON_ARRAY -> parseJson(rs.getString(i));
            };
            fields.set(f.name(), value);
            i++;
        }
        UUID id = UUID.fromString(fields.get("id").stringValue());
        return new Snapshot(kind, id, Instant.parse(fields.get("updated_at").stringValue()), fields);
    }

    private static JsonNode textOrNull(String s) {
        return s == null ? JsonNodeFactory.instance.nullNode() : JsonNodeFactory.instance.stringNode(s);
    }

    private static JsonNode parseJson(String s) throws SQLException {
        if (s == null) {
            return JsonNodeFactory.instance.nullNode();
        }
        try {
            return RecordJson.readStored(s);
        } catch (JacksonException e) {
            throw new SQLException("stored JSON cannot be read back", e);
        }
    }

    private static boolean isKey(Field f) {
        return f.name().equals("id");
    }

    private static boolean isJson(Field f) {
        return f.type() == FieldType.JSON_OBJECT || f.type() == FieldType.JSON_ARRAY;
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
