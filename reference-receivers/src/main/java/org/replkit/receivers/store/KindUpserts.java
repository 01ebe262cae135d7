package org.replkit.receivers.store;

import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.replkit.receivers.record.Field;
import org.replkit.receivers.record.FieldType;
import org.replkit.receivers.record.RecordJson;
import org.replkit.receivers.record.RecordKind;
import org.replkit.receivers.record.RecordValidator;
import org.replkit.receivers.record.Snapshot;
import org.replkit.receivers.store.RecordStore.UpsertOutcome;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The upserts of one record kind, inside a transaction the caller commits: a batch of distinct ids
 * in one multi-row {@code INSERT ... SELECT ... FROM unnest(column arrays) ON CONFLICT (id) DO UPDATE ... WHERE}
 * statement (one statement text for any batch size, so each connection prepares and plans it once),
 * and a single row in one statement. Each sets the outcome of its deliveries; none commits.
 */
final class KindUpserts {

    private final RecordKind kind;
    private final String columns;
    private final String rowValues;
    private final String conflictClause;
    private final String count;
    private final String single;
    private final String staleRows;
    private final String select;
    private final String countQuery;
    /** The multi-row statement: one text, so one prepared statement and one plan, for any number of rows. */
    private final String multi;

    KindUpserts(RecordKind kind, StoreSchema schema) {
        this.kind = kind;
        List<Field> fields = kind.fields();
        String table = schema.table(kind);
        this.columns = fields.stream().map(Field::name).collect(Collectors.joining(", "));
        // Timestamps and jsonb travel as text and are read by PostgreSQL, which parses them faster than Java binds them.
        this.rowValues = "(" + fields.stream()
                .map(f -> isJson(f) ? "CAST(? AS jsonb)" : f.type() == FieldType.TIMESTAMP ? "CAST(? AS timestamptz)" : "?")
                .collect(Collectors.joining(", ")) + ")";
        String updates = fields.stream().filter(f -> !f.name().equals("id"))
                .map(f -> f.name() + " = EXCLUDED." + f.name()).collect(Collectors.joining(", "));
        this.count = schema.countFunction() + "('" + kind.table() + "')";
        this.conflictClause = "INSERT INTO " + table + " AS stored (" + columns + ") VALUES %s"
                // SYNC-IDEM-01, SYNC-IDEM-04: one row per id, concurrent deliveries settled by the unique key.
                + " ON CONFLICT (id) DO UPDATE SET " + updates
                // SYNC-IDEM-02, SYNC-IDEM-03: the newest updated_at wins, a tie replaces, an older one changes nothing
                // (the row is still locked, so it stays as read below until this transaction ends).
                + " WHERE stored.updated_at <= EXCLUDED.updated_at";
        this.single = "WITH up AS (" + conflictClause.formatted(rowValues)
                // SYNC-COUNT-01: xmax is 0 only on a row this statement inserted (an update leaves its lock there).
                + " RETURNING " + columns + ", (xmax = 0) AS inserted)"
                // The count is read in a fresh snapshot (a volatile function) that sees every commit up to now
                // and this transaction's earlier statements; this statement's own insert is counted when it
                // ends, so it is added here.
                + " SELECT " + columns + ", true AS applied, " + count + " + inserted::int AS record_count FROM up"
                + " UNION ALL"
                // SYNC-IDEM-03: the snapshot was stale; answer with the stored row.
                + " SELECT " + columns + ", false, " + count + " FROM " + table
                + " WHERE id = ? AND NOT EXISTS (SELECT 1 FROM up)";
        // The batch travels as one array per column and unnest turns the arrays back into rows, in the order given.
        // Timestamps and jsonb travel as text arrays and are cast by PostgreSQL, as in the single-row statement.
        String arrays = fields.stream().map(f -> "CAST(? AS " + sqlType(f) + "[])").collect(Collectors.joining(", "));
        this.multi = "WITH up AS (INSERT INTO " + table + " AS stored (" + columns + ") SELECT " + columns
                + " FROM unnest(" + arrays + ") AS batch(" + columns + ")"
                + conflictClause.substring(conflictClause.indexOf(" ON CONFLICT"))
                + " RETURNING id, (xmax = 0) AS inserted)"
                // SYNC-COUNT-01: the count before this statement plus the rows it inserted (counted when it ends).
                + " SELECT id, (SELECT " + count + ") + (SELECT count(*) FROM up WHERE inserted) FROM up";
        this.staleRows = "SELECT " + columns + ", false, (SELECT " + count + ") FROM " + table + " WHERE id = ANY (?)";
        this.select = "SELECT " + columns + " FROM " + table + " WHERE id = ?";
        this.countQuery = "SELECT " + count;
    }

    String select() {
        return select;
    }

    String countQuery() {
        return countQuery;
    }

    /**
     * Whether {@link #upsert} writes the batch in one statement: every delivery of this kind, and
     * no id twice. (A stale snapshot is then answered with the stored row read just after.)
     */
    boolean isOneStatement(List<Delivery> batch) {
        Set<UUID> ids = new HashSet<>();
        for (Delivery d : batch) {
            if (d.snapshot.kind() != kind || !ids.add(d.snapshot.id())) {
                return false;
            }
        }
        return true;
    }

    /**
     * Upserts every delivery of the batch, in this transaction. A multi-row upsert cannot touch one
     * row twice, so the first delivery of each id goes into the multi-row statement and any later
     * one of the same id follows, one row at a time, in arrival order.
     */
    void upsert(Connection c, List<Delivery> batch) throws SQLException {
        Map<UUID, Delivery> firsts = new LinkedHashMap<>();
        List<Delivery> repeats = new ArrayList<>();
        for (Delivery d : batch) {
            if (firsts.putIfAbsent(d.snapshot.id(), d) != null) {
                repeats.add(d);
            }
        }
        List<Delivery> distinct = new ArrayList<>(firsts.values());
        if (distinct.size() == 1) {
            upsertOne(c, distinct.get(0));
        } else {
            upsertMany(c, distinct);
        }
        for (Delivery d : repeats) {
            upsertOne(c, d);
        }
    }

    /** One row, one statement: the stored row, whether it was applied, and the count. */
    void upsertOne(Connection c, Delivery d) throws SQLException {
        int n = kind.fields().size();
        try (PreparedStatement ps = c.prepareStatement(single)) {
            bind(ps, 0, d);
            ps.setObject(n + 1, d.snapshot.id());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    d.outcome = outcome(d.snapshot, rs, n);
                    return;
                }
            }
        }
        // A stale snapshot of a row that a concurrent delivery inserted after this statement's
        // snapshot was taken: the row exists but was invisible to it. A new statement sees it.
        Map<UUID, Delivery> stale = new HashMap<>();
        stale.put(d.snapshot.id(), d);
        readStale(c, stale);
    }

    private void upsertMany(Connection c, List<Delivery> distinct) throws SQLException {
        // Rows in one order for every batch, so two batches sharing ids lock them in the same order.
        List<Delivery> rows = new ArrayList<>(distinct);
        rows.sort((a, b) -> a.snapshot.id().compareTo(b.snapshot.id()));
        Map<UUID, Delivery> byId = new HashMap<>();
        rows.forEach(d -> byId.put(d.snapshot.id(), d));
        try (PreparedStatement ps = c.prepareStatement(multi)) {
            bindColumns(c, ps, rows);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Delivery d = byId.remove(rs.getObject(1, UUID.class));
                    d.outcome = new UpsertOutcome(d.snapshot, true, rs.getLong(2));
                }
            }
        }
        if (!byId.isEmpty()) {
            readStale(c, byId);
        }
    }

    /**
     * SYNC-IDEM-03: the stale snapshots of the batch are answered with the stored rows. Each is
     * locked by the upsert, and this new statement sees it even when a concurrent delivery inserted
     * it after the upsert's snapshot was taken.
     */
    private void readStale(Connection c, Map<UUID, Delivery> stale) throws SQLException {
        int n = kind.fields().size();
        try (PreparedStatement ps = c.prepareStatement(staleRows)) {
            Array ids = c.createArrayOf("uuid", stale.keySet().toArray());
            ps.setArray(1, ids);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Snapshot stored = read(kind, rs);
                    Delivery d = stale.remove(stored.id());
                    d.outcome = new UpsertOutcome(stored, false, rs.getLong(n + 2));
                }
            }
        }
        if (!stale.isEmpty()) {
            throw new IllegalStateException("rows " + stale.keySet() + " neither written nor present");
        }
    }

    /** When the snapshot was applied the stored row is the snapshot itself, so only a stale one is read back. */
    private UpsertOutcome outcome(Snapshot sent, ResultSet rs, int n) throws SQLException {
        boolean applied = rs.getBoolean(n + 1);
        long recordCount = rs.getLong(n + 2);
        return new UpsertOutcome(applied ? sent : read(kind, rs), applied, recordCount);
    }

    /**
     * The delivery's column values, in the order of the kind's fields, as the statements bind them
     * (UUID, Long, Double or String; null where the record has none). Made once per delivery, by
     * {@link #delivery}, on the request's own thread before it queues: the writers are
     * the serial part of group commit: binding a batch was about half of a writer's samples in a JFR
     * profile, and converting the values (writing the jsonb fields as text above all) most of that.
     */
    Object[] columnValues(Snapshot snapshot) {
        List<Field> fields = kind.fields();
        Object[] row = new Object[fields.size()];
        for (int k = 0; k < row.length; k++) {
            Field f = fields.get(k);
            if (f.name().equals("id")) {
                row[k] = snapshot.id();                    // parsed once already, by the validator
                continue;
            }
            JsonNode v = snapshot.fields().get(f.name());
            if (v == null || v.isNull()) {
                continue;
            }
            row[k] = switch (f.type()) {
                case UUID -> UUID.fromString(v.stringValue());
                case INTEGER -> v.longValue();
                case NUMBER -> v.doubleValue();
                case TEXT, TIMESTAMP -> v.stringValue();       // timestamps canonical: RFC 3339 in UTC
                // Node by node with one generator: the same text as the mapper's, without its serializer lookups.
                case JSON_OBJECT, JSON_ARRAY -> new String(RecordJson.writeTree(v), StandardCharsets.UTF_8);
            };
        }
        return row;
    }

    /** The snapshot as a delivery to queue, with its column values. */
    Delivery delivery(Snapshot snapshot) {
        return new Delivery(snapshot, columnValues(snapshot));
    }

    private void bind(PreparedStatement ps, int offset, Delivery d) throws SQLException {
        Object[] row = d.columns;
        List<Field> fields = kind.fields();
        for (int k = 0; k < row.length; k++) {
            int i = offset + 1 + k;
            Object v = row[k];
            switch (fields.get(k).type()) {
                case UUID -> {
                    if (v == null) ps.setNull(i, Types.OTHER); else ps.setObject(i, v);
                }
                case TEXT, TIMESTAMP, JSON_OBJECT, JSON_ARRAY -> ps.setString(i, (String) v);   // timestamps and jsonb cast by PostgreSQL
                case INTEGER -> {
                    if (v == null) ps.setNull(i, Types.BIGINT); else ps.setLong(i, (Long) v);
                }
                case NUMBER -> {
                    if (v == null) ps.setNull(i, Types.DOUBLE); else ps.setDouble(i, (Double) v);
                }
                default -> throw new IllegalStateException("unknown field type " + fields.get(k).type());
            }
        }
    }

    /** One array per column, the rows in the order given: the multi-row statement's parameters. */
    private void bindColumns(Connection c, PreparedStatement ps, List<Delivery> rows) throws SQLException {
        List<Field> fields = kind.fields();
        Object[][] values = new Object[rows.size()][];
        for (int r = 0; r < values.length; r++) {
            values[r] = rows.get(r).columns;
        }
        for (int k = 0; k < fields.size(); k++) {
            Field f = fields.get(k);
            Object[] column = switch (f.type()) {
                case UUID -> new UUID[values.length];
                case INTEGER -> new Long[values.length];
                case NUMBER -> new Double[values.length];
                case TEXT, TIMESTAMP, JSON_OBJECT, JSON_ARRAY -> new String[values.length];
            };
            for (int r = 0; r < values.length; r++) {
                column[r] = values[r][k];
            }
            ps.setArray(k + 1, c.createArrayOf(arrayElementType(f), column));
        }
    }

    /** The element type the column's array is sent as (timestamps and jsonb as text, cast by PostgreSQL). */
    private static String arrayElementType(Field f) {
        return switch (f.type()) {
            case UUID -> "uuid";
            case INTEGER -> "int8";
            case NUMBER -> "float8";
            case TEXT, TIMESTAMP, JSON_OBJECT, JSON_ARRAY -> "text";
        };
    }

    /** The column's type in the store's tables. */
    static String sqlType(Field f) {
        return switch (f.type()) {
            case UUID -> "uuid";
            case TEXT -> "text";
            case INTEGER -> "bigint";
            case NUMBER -> "double precision";
            case TIMESTAMP -> "timestamptz";
            case JSON_OBJECT, JSON_ARRAY -> "jsonb";
        };
    }

    /** The row under the cursor, columns in the order of the kind's fields. */
    static Snapshot read(RecordKind kind, ResultSet rs) throws SQLException {
        JsonNodeFactory json = JsonNodeFactory.instance;
        ObjectNode fields = json.objectNode();
        int i = 1;
        for (Field f : kind.fields()) {
            JsonNode value = switch (f.type()) {
                case UUID -> json.stringNode(rs.getObject(i, UUID.class).toString());
                case TEXT -> {
                    String s = rs.getString(i);
                    yield s == null ? json.nullNode() : json.stringNode(s);
                }
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

    private static boolean isJson(Field f) {
        return f.type() == FieldType.JSON_OBJECT || f.type() == FieldType.JSON_ARRAY;
    }
}
