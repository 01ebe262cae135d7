package org.replkit.sender;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a database to the kit's schema with Flyway, the same way on every path (chroot, Docker,
 * {@link SenderDatabase#connect(String)}, {@code ./kit sender migrate}):
 * <ol>
 *   <li>pg_cron, and pg_net where it is installed;</li>
 *   <li>where pg_net is not installed, the pg_net stand-in (pg-image/pgnet-compat: V* and R__ files,
 *       history in pgnet_compat_http.flyway_schema_history);</li>
 *   <li>the trigger schema (pg-image/sql, history in replication.flyway_schema_history).</li>
 * </ol>
 * Versioned files (V*) are applied once and checksummed: Flyway refuses a database whose applied
 * files were edited since. Repeatable files (R__*: functions, triggers, jobs) are applied again
 * whenever they change. A database made by an older kit (files 0001..0005 recorded in
 * replication.schema_migrations) is taken over at version 1 when its tables are those of V1, and
 * refused with a message naming what differs otherwise. Safe to run from several processes at once.
 */
final class Migrations {

    static final String SQL_FOLDER = "pg-image/sql";
    static final String PGNET_COMPAT_FOLDER = "pg-image/pgnet-compat";
    static final String HISTORY_TABLE = "flyway_schema_history";

    /** What the runner before Flyway recorded in replication.schema_migrations once it had applied everything. */
    static final List<String> OLD_KIT_FILES = List.of("0001_records.sql", "0002_registry_and_queue.sql",
            "0003_capture.sql", "0004_delivery.sql", "0005_registry_api.sql");

    /** Columns V1 creates: an older kit's database must have every one to be taken over at version 1. */
    private static final String V1_COLUMNS = """
            public.approved_patterns: id name ecosystem frequency confidence description examples best_practices approved_at \
            last_synced_at instances_count inserted_at updated_at
            public.execution_metrics: id period_start period_end jobs_completed jobs_failed success_rate avg_execution_time_ms \
            total_memory_used_mb p50_execution_time_ms p95_execution_time_ms p99_execution_time_ms instance_id inserted_at updated_at
            replication.settings: singleton enabled cadence_seconds timeout_ms backoff_seconds max_retries dispatch_batch_size \
            lost_grace_seconds
            replication.instances: instance_id instance_name http_endpoint table_name is_active auth_token success_count \
            error_count last_sync_at last_error registered_at updated_at
            replication.replication_queue: id instance_id table_name event_type record_id payload status attempts \
            next_attempt_at request_id last_status_code last_error last_attempt_at completed_at created_at updated_at
            replication.delivery_attempts: id queue_id attempt request_id sent_at finished_at status_code error
            """;

    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);
    private static final long LOCK_KEY = 0x7265706c6b6974L; // "replkit"

    private Migrations() {
    }

    /** Applies what is missing; returns what was applied now ("sql V2", "pgnet-compat R pgnet compat", ...). */
    static List<String> apply(String jdbcUrl) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl); Statement st = c.createStatement()) {
            st.execute("SELECT pg_advisory_lock(" + LOCK_KEY + ")");
            try {
                List<String> problems = SetupCheck.beforeMigrating(c);
                if (!problems.isEmpty()) {
                    throw new IllegalStateException("the sender database cannot send: " + problems.get(0));
                }
                List<String> applied = new ArrayList<>();
                st.execute("CREATE EXTENSION IF NOT EXISTS pg_cron");
                if (queryBoolean(c, "SELECT to_regnamespace('net') IS NULL")
                        && queryBoolean(c, "SELECT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pg_net')")) {
                    st.execute("CREATE EXTENSION pg_net");
                }
                if (!"pg_net".equals(netProvider(c))) {
                    if (queryBoolean(c, "SELECT to_regnamespace('net') IS NOT NULL AND to_regclass('pgnet_compat_http."
                            + HISTORY_TABLE + "') IS NULL")) {
                        takeOver(jdbcUrl, standIn(jdbcUrl), "the pg_net stand-in of an older kit");
                    }
                    applied.addAll(migrate(standIn(jdbcUrl), "pgnet-compat"));
                }
                if (queryBoolean(c, "SELECT to_regclass('replication.schema_migrations') IS NOT NULL "
                        + "AND to_regclass('replication." + HISTORY_TABLE + "') IS NULL")) {
                    refuseUnlessTheOldKitsTables(c);
                    takeOver(jdbcUrl, triggerSchema(jdbcUrl), "the schema of an older kit (sql/0001..0005)");
                }
                applied.addAll(migrate(triggerSchema(jdbcUrl), "sql"));
                return applied;
            } finally {
                st.execute("SELECT pg_advisory_unlock(" + LOCK_KEY + ")");
            }
        }
    }

    /** "pg_net" or "pgnet-compat": which of the two provides schema net in this database. */
    static String netProvider(Connection c) throws SQLException {
        return queryBoolean(c, "SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_net')") ? "pg_net" : "pgnet-compat";
    }

    static Flyway triggerSchema(String jdbcUrl) {
        return flyway(jdbcUrl, "replication", SQL_FOLDER);
    }

    static Flyway standIn(String jdbcUrl) {
        return flyway(jdbcUrl, "pgnet_compat_http", PGNET_COMPAT_FOLDER);
    }

    private static Flyway flyway(String jdbcUrl, String schema, String folder) {
        return Flyway.configure(Migrations.class.getClassLoader())
                .dataSource(jdbcUrl, null, null)
                .schemas(schema)
                .defaultSchema(schema)
                .table(HISTORY_TABLE)
                .locations("classpath:" + folder)
                // Function bodies are SQL as written: nothing in them is a Flyway placeholder.
                .placeholderReplacement(false)
                // A released V file must never change; a missing one is an error, not a warning.
                .validateOnMigrate(true)
                .cleanDisabled(true)
                // SELECTs in the files (cron.schedule, configure) would print result tables at INFO.
                .outputQueryResults(false)
                .load();
    }

    private static List<String> migrate(Flyway flyway, String label) {
        try {
            MigrateResult result = flyway.migrate();
            List<String> applied = result.migrations.stream()
                    .map(m -> label + " " + (m.version == null || m.version.isEmpty() ? "R" : "V" + m.version) + " " + m.description)
                    .toList();
            if (!applied.isEmpty()) {
                LOG.info("sender schema: applied {}", applied);
            }
            return applied;
        } catch (FlywayException e) {
            throw new IllegalStateException(oneLine(label, e), e);
        }
    }

    /** Records an older kit's schema as version 1, so that only the later files are applied on top. */
    private static void takeOver(String jdbcUrl, Flyway flyway, String what) {
        Flyway atOne = Flyway.configure(Migrations.class.getClassLoader()).configuration(flyway.getConfiguration())
                .baselineVersion("1").baselineDescription(what).load();
        atOne.baseline();
        LOG.info("sender schema: took over {} as version 1 (jdbc URL {})", what, SenderCommand.redacted(jdbcUrl));
    }

    /** An older kit's database is taken over only when it applied every file and has every V1 column. */
    private static void refuseUnlessTheOldKitsTables(Connection c) throws SQLException {
        Set<String> recorded;
        Set<String> columns;
        try (Statement st = c.createStatement()) {
            recorded = new TreeSet<>(SenderDatabase.lines(st, "SELECT name FROM replication.schema_migrations"));
            columns = Set.copyOf(SenderDatabase.lines(st, "SELECT table_schema || '.' || table_name || '.' || column_name "
                    + "FROM information_schema.columns WHERE table_schema IN ('public', 'replication')"));
        }
        if (!recorded.containsAll(OLD_KIT_FILES)) {
            Set<String> missing = new TreeSet<>(OLD_KIT_FILES);
            missing.removeAll(recorded);
            throw new IllegalStateException("this sender database was made by an older kit that did not finish its schema "
                    + "(replication.schema_migrations lacks " + String.join(", ", missing) + "); make a new sender database");
        }
        List<String> missingColumns = new ArrayList<>();
        for (String line : V1_COLUMNS.strip().split("\n")) {
            String table = line.substring(0, line.indexOf(':'));
            for (String column : line.substring(line.indexOf(':') + 1).trim().split(" ")) {
                if (!columns.contains(table + "." + column)) {
                    missingColumns.add(table + "." + column);
                }
            }
        }
        if (!missingColumns.isEmpty()) {
            throw new IllegalStateException("this sender database was made by an older kit and its tables differ from "
                    + "the kit's (missing " + String.join(", ", missingColumns) + "); it cannot be upgraded: "
                    + "make a new sender database");
        }
    }

    private static String oneLine(String label, FlywayException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
        if (message.contains("checksum mismatch") || message.contains("Validate failed")) {
            return "the " + label + " migrations applied to this database differ from the kit's (a released file was "
                    + "edited, or the database is newer than this kit): " + firstLine(message);
        }
        if (message.contains("non-empty schema") && message.contains("no schema history table")) {
            return "schema " + ("sql".equals(label) ? "replication" : "pgnet_compat_http")
                    + " exists but was not made by the kit; use a database without it";
        }
        return "applying the " + label + " migrations failed: " + firstLine(message);
    }

    private static String firstLine(String s) {
        return s.lines().map(String::strip).filter(l -> !l.isEmpty()).limit(3).reduce((a, b) -> a + " " + b).orElse(s);
    }

    private static boolean queryBoolean(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getBoolean(1);
        }
    }
}
