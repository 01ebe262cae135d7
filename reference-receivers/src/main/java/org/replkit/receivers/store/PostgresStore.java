package org.replkit.receivers.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Collectors;
import org.postgresql.Driver;
import org.replkit.receivers.record.Field;
import org.replkit.receivers.record.RecordKind;
import org.replkit.receivers.record.RecordValidator;
import org.replkit.receivers.record.Snapshot;

/**
 * Records in PostgreSQL, one typed table per kind, through a HikariCP pool. The upsert is one
 * statement, {@code INSERT ... ON CONFLICT (id) DO UPDATE ... WHERE stored.updated_at <= new.updated_at},
 * so concurrent deliveries and stale snapshots are settled by the database itself.
 *
 * <p>Tables live in the schema named by the URL's {@code currentSchema} parameter, or in
 * {@code receiver}; they are created on start when missing.
 */
public final class PostgresStore implements RecordStore {

    public static final String DEFAULT_SCHEMA = "receiver";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HikariDataSource pool;
    private final String schema;
    private final String description;
    private final Map<RecordKind, Statements> statements = new EnumMap<>(RecordKind.class);

    /** The SQL of one kind, built once from its fields. */
    private record Statements(String upsert, String select, String count) {}

    private PostgresStore(HikariDataSource pool, String schema, String description) {
        this.pool = pool;
        this.schema = schema;
        this.description = description;
        for (RecordKind kind : RecordKind.values()) {
            statements.put(kind, buildStatements(kind));
        }
    }

    /**
     * Connects, creates the schema and tables when missing, and returns the store.
     *
     * @throws StoreUnavailableException when the database cannot be reached
     * @throws IllegalArgumentException  when the URL is not a PostgreSQL JDBC URL
     */
    public static PostgresStore open(String jdbcUrl) {
        Properties parsed = Driver.parseURL(jdbcUrl, null);
        if (parsed == null) {
            throw new IllegalArgumentException("not a PostgreSQL JDBC URL (jdbc:postgresql://host:port/db?user=..&password=..): " + jdbcUrl);
        }
        String schema = parsed.getProperty("currentSchema", DEFAULT_SCHEMA);
        if (!schema.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("currentSchema must be a plain lower-case identifier: " + schema);
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setPoolName("receiver-store");
        config.setMaximumPoolSize(10);
        // Give up well inside the sender's 5 s timeout so the sender hears 503, not silence.
        config.setConnectionTimeout(2_000);
        config.setInitializationFailTimeout(2_000);
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new StoreUnavailableException("cannot connect to " + describe(parsed) + ": " + rootMessage(e), e);
        }
        PostgresStore store = new PostgresStore(pool, schema, describe(parsed));
        try {
            store.createTables();
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        return store;
    }

    private void createTables() {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
            for (RecordKind kind : RecordKind.values()) {
                String columns = kind.fields().stream()
                        .map(f -> f.name() + " " + sqlType(f) + (isKey(f) || f.name().equals("updated_at") ? " NOT NULL" : ""))
                        .collect(Collectors.joining(", "));
                s.execute("CREATE TABLE IF NOT EXISTS " + table(kind) + " (" + columns + ", PRIMARY KEY (id))");
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot create the receiver tables in " + description + ": " + e.getMessage(), e);
        }
    }

    private Statements buildStatements(RecordKind kind) {
        List<Field> fields = kind.fields();
        String columns = fields.stream().map(Field::name).collect(Collectors.joining(", "));
        String values = fields.stream().map(f -> isJson(f) ? "CAST(? AS jsonb)" : "?").collect(Collectors.joining(", "));
        String updates = fields.stream().filter(f -> !isKey(f))
                .map(f -> f.name() + " = EXCLUDED." + f.name()).collect(Collectors.joining(", "));
        String upsert = "INSERT INTO " + table(kind) + " AS stored (" + columns + ") VALUES (" + values + ")"
                + " ON CONFLICT (id) DO UPDATE SET " + updates
                + " WHERE stored.updated_at <= EXCLUDED.updated_at"
                + " RETURNING " + columns;
        String select = "SELECT " + columns + " FROM " + table(kind) + " WHERE id = ?";
        String count = "SELECT count(*) FROM " + table(kind);
        return new Statements(upsert, select, count);
    }

    @Override
    public UpsertOutcome upsert(Snapshot snapshot) {
        RecordKind kind = snapshot.kind();
        Statements sql = statements.get(kind);
        try (Connection c = pool.getConnection()) {
            Snapshot stored;
            boolean applied;
            try (PreparedStatement ps = c.prepareStatement(sql.upsert())) {
                bind(ps, kind.fields(), snapshot.fields());
                try (ResultSet rs = ps.executeQuery()) {
                    applied = rs.next();
                    stored = applied ? read(kind, rs) : null;
                }
            }
            if (!applied) {
                // The WHERE clause kept a newer row: answer with what is stored.
                stored = select(c, kind, snapshot.id()).orElseThrow(
                        () -> new IllegalStateException("row " + snapshot.id() + " neither written nor present"));
            }
            return new UpsertOutcome(stored, applied, count(c, kind));
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    @Override
    public long count(RecordKind kind) {
        try (Connection c = pool.getConnection()) {
            return count(c, kind);
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    @Override
    public Optional<Snapshot> find(RecordKind kind, UUID id) {
        try (Connection c = pool.getConnection()) {
            return select(c, kind, id);
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

    private Optional<Snapshot> select(Connection c, RecordKind kind, UUID id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(statements.get(kind).select())) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(kind, rs)) : Optional.empty();
            }
        }
    }

    private long count(Connection c, RecordKind kind) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(statements.get(kind).count());
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void bind(PreparedStatement ps, List<Field> fields, ObjectNode values) throws SQLException {
        int i = 1;
        for (Field f : fields) {
            JsonNode v = values.get(f.name());
            boolean isNull = v == null || v.isNull();
            switch (f.type()) {
                case UUID -> ps.setObject(i, UUID.fromString(v.asText()));
                case TEXT -> ps.setString(i, isNull ? null : v.asText());
                case INTEGER -> {
                    if (isNull) ps.setNull(i, Types.BIGINT); else ps.setLong(i, v.asLong());
                }
                case NUMBER -> {
                    if (isNull) ps.setNull(i, Types.DOUBLE); else ps.setDouble(i, v.asDouble());
                }
                case TIMESTAMP -> ps.setObject(i, isNull ? null : OffsetDateTime.ofInstant(Instant.parse(v.asText()), ZoneOffset.UTC),
                        Types.TIMESTAMP_WITH_TIMEZONE);
                case JSON_OBJECT, JSON_ARRAY -> ps.setString(i, isNull ? null : v.toString());
                default -> throw new IllegalStateException("unknown field type " + f.type());
            }
            i++;
        }
    }

    private static Snapshot read(RecordKind kind, ResultSet rs) throws SQLException {
        JsonNodeFactory json = JsonNodeFactory.instance;
        ObjectNode fields = json.objectNode();
        for (Field f : kind.fields()) {
            String n = f.name();
            JsonNode value = switch (f.type()) {
                case UUID -> json.textNode(rs.getObject(n, UUID.class).toString());
                case TEXT -> textOrNull(rs.getString(n));
                case INTEGER -> {
                    long l = rs.getLong(n);
                    yield rs.wasNull() ? json.nullNode() : json.numberNode(l);
                }
                case NUMBER -> {
                    double d = rs.getDouble(n);
                    yield rs.wasNull() ? json.nullNode() : json.numberNode(d);
                }
                case TIMESTAMP -> {
                    OffsetDateTime t = rs.getObject(n, OffsetDateTime.class);
                    yield t == null ? json.nullNode() : json.textNode(RecordValidator.formatTimestamp(t.toInstant()));
                }
                case JSON_OBJECT, JSON_ARRAY -> parseJson(rs.getString(n));
            };
            fields.set(n, value);
        }
        UUID id = UUID.fromString(fields.get("id").asText());
        return new Snapshot(kind, id, Instant.parse(fields.get("updated_at").asText()), fields);
    }

    private static JsonNode textOrNull(String s) {
        return s == null ? JsonNodeFactory.instance.nullNode() : JsonNodeFactory.instance.textNode(s);
    }

    private static JsonNode parseJson(String s) throws SQLException {
        if (s == null) {
            return JsonNodeFactory.instance.nullNode();
        }
        try {
            return JSON.readTree(s);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new SQLException("stored JSON cannot be read back", e);
        }
    }

    private String table(RecordKind kind) {
        return schema + "." + kind.table();
    }

    private static boolean isKey(Field f) {
        return f.name().equals("id");
    }

    private static boolean isJson(Field f) {
        return f.type() == org.replkit.receivers.record.FieldType.JSON_OBJECT
                || f.type() == org.replkit.receivers.record.FieldType.JSON_ARRAY;
    }

    private static String sqlType(Field f) {
        return switch (f.type()) {
            case UUID -> "uuid";
            case TEXT -> "text";
            case INTEGER -> "bigint";
            case NUMBER -> "double precision";
            case TIMESTAMP -> "timestamptz";
            case JSON_OBJECT, JSON_ARRAY -> "jsonb";
        };
    }

    /**
     * Connection trouble (SQLSTATE class 08, 53, 57, pool timeouts) passes: 503 so the sender retries.
     * A value the database refuses (class 22, 23) can never succeed: 400. Anything else is a bug.
     */
    private static RuntimeException translate(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (e instanceof SQLTransientException || state.startsWith("08") || state.startsWith("53")
                || state.startsWith("57") || state.startsWith("40")) {
            return new StoreUnavailableException("storage unavailable: " + e.getMessage(), e);
        }
        if (state.startsWith("22") || state.startsWith("23")) {
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
