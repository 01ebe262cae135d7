package org.replkit.receivers.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.Collectors;
import org.replkit.receivers.record.RecordKind;

/**
 * The PostgreSQL store's tables and its record count, created on start when missing, in one
 * transaction that any other receiver starting on the same schema waits for.
 *
 * <p>The count (SYNC-COUNT-01) lives in {@code record_counts}: {@value #STRIPES} rows per table.
 * Statement triggers with transition tables add the number of rows a statement inserted to one of
 * them, picked at random, and subtract the rows a statement deleted; TRUNCATE sets them to 0.
 * Reading the count sums the table's rows: O(1) per delivery, exact because each change of the
 * count commits with the rows it counts, and shared by every process using the database.
 */
final class StoreSchema {

    /** Counter rows per table, so that concurrent inserts seldom queue for the same row lock. */
    static final int STRIPES = 16;

    private final String name;

    StoreSchema(String name) {
        this.name = name;
    }

    String table(RecordKind kind) {
        return name + "." + kind.table();
    }

    /** The function giving a table's record count: {@code schema.stored_record_count('approved_patterns')}. */
    String countFunction() {
        return name + ".stored_record_count";
    }

    void create(Connection c) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("SET LOCAL statement_timeout = 0");    // counting an existing large table may take a while
            // Receivers starting together on one schema take turns: DDL run concurrently can fail.
            s.execute("SELECT pg_advisory_xact_lock(hashtext('replkit receiver store " + name + "'))");
            s.execute("CREATE SCHEMA IF NOT EXISTS " + name);
            for (RecordKind kind : RecordKind.values()) {
                String columns = kind.fields().stream()
                        .map(f -> f.name() + " " + KindUpserts.sqlType(f) + (f.name().equals("id") || f.name().equals("updated_at") ? " NOT NULL" : ""))
                        .collect(Collectors.joining(", "));
                s.execute("CREATE TABLE IF NOT EXISTS " + table(kind) + " (" + columns + ", PRIMARY KEY (id))");
            }
            createCounting(s);
            for (RecordKind kind : RecordKind.values()) {
                if (!countTriggersExist(c, kind)) {
                    startCounting(s, kind);
                }
            }
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    private void createCounting(Statement s) throws SQLException {
        s.execute("CREATE TABLE IF NOT EXISTS " + name + ".record_counts ("
                + "table_name text NOT NULL, stripe int NOT NULL, n bigint NOT NULL, PRIMARY KEY (table_name, stripe))");
        s.execute("CREATE OR REPLACE FUNCTION " + name + ".keep_record_count() RETURNS trigger LANGUAGE plpgsql AS $$\n"
                + "DECLARE\n"
                + "  stripe_no int := floor(random() * " + STRIPES + ")::int;  -- once: random() in the WHERE would differ per row\n"
                + "BEGIN\n"
                + "  IF TG_OP = 'TRUNCATE' THEN\n"
                + "    UPDATE " + name + ".record_counts SET n = 0 WHERE table_name = TG_TABLE_NAME;\n"
                + "    RETURN NULL;\n"
                + "  END IF;\n"
                // One statement: counting the transition table and updating the counter row in one query
                // costs a delivery batch less than two (the trigger runs once per upsert statement).
                + "  UPDATE " + name + ".record_counts AS counter\n"
                + "     SET n = counter.n + CASE WHEN TG_OP = 'INSERT' THEN changed.rows ELSE -changed.rows END\n"
                + "    FROM (SELECT count(*) AS rows FROM changed_rows) AS changed\n"
                + "   WHERE changed.rows > 0 AND counter.table_name = TG_TABLE_NAME AND counter.stripe = stripe_no;\n"
                + "  RETURN NULL;\n"
                + "END $$");
        s.execute("COMMENT ON FUNCTION " + name + ".keep_record_count() IS "
                + "'SYNC-COUNT-01: adds the rows a statement inserted (or subtracts those it deleted) to one of the "
                + STRIPES + " counter rows of the table in record_counts, in the same transaction; TRUNCATE sets them to 0.'");
        s.execute("CREATE OR REPLACE FUNCTION " + countFunction() + "(counted_table text) RETURNS bigint\n"
                + "LANGUAGE plpgsql VOLATILE AS $$\n"
                + "BEGIN\n"
                + "  RETURN (SELECT coalesce(sum(n), 0) FROM " + name + ".record_counts WHERE table_name = counted_table);\n"
                + "END $$");
        s.execute("COMMENT ON FUNCTION " + countFunction() + "(text) IS "
                + "'SYNC-COUNT-01: the number of rows in the named table, from its counter rows. VOLATILE on purpose: "
                + "it reads in a fresh snapshot, so within an upsert it sees every transaction committed before it, "
                + "but not the calling statement''s own insert.'");
    }

    private boolean countTriggersExist(Connection c, RecordKind kind) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT count(*) FROM pg_trigger WHERE tgrelid = CAST(? AS regclass) AND tgname LIKE 'count\\_%'")) {
            ps.setString(1, table(kind));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1) == 3;
            }
        }
    }

    /** Installs the triggers and starts the count from the rows already there, with writers held off meanwhile. */
    private void startCounting(Statement s, RecordKind kind) throws SQLException {
        String table = table(kind);
        s.execute("LOCK TABLE " + table + " IN SHARE ROW EXCLUSIVE MODE");
        for (String trigger : new String[] {"count_inserts", "count_deletes", "count_truncates"}) {
            s.execute("DROP TRIGGER IF EXISTS " + trigger + " ON " + table);
        }
        String function = name + ".keep_record_count()";
        s.execute("CREATE TRIGGER count_inserts AFTER INSERT ON " + table
                + " REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION " + function);
        s.execute("CREATE TRIGGER count_deletes AFTER DELETE ON " + table
                + " REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION " + function);
        s.execute("CREATE TRIGGER count_truncates AFTER TRUNCATE ON " + table + " FOR EACH STATEMENT EXECUTE FUNCTION " + function);
        s.execute("DELETE FROM " + name + ".record_counts WHERE table_name = '" + kind.table() + "'");
        s.execute("INSERT INTO " + name + ".record_counts (table_name, stripe, n) SELECT '" + kind.table() + "', stripe,"
                + " CASE WHEN stripe = 0 THEN (SELECT count(*) FROM " + table + ") ELSE 0 END"
                + " FROM generate_series(0, " + (STRIPES - 1) + ") AS stripe");
    }
}
