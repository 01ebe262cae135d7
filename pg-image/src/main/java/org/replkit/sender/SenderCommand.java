package org.replkit.sender;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.replkit.receivers.status.StatusServer;
import org.replkit.spec.CouldNotRun;
import org.replkit.spec.ExitCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code ./kit sender up | down | status}: the sender database (CentralCloud) for manual runs.
 * Exit codes, the kit's contract: 0 done, 2 could not (the reason on stderr, one line); {@code status}
 * also 1 when it finds a problem.
 */
@Command(name = "sender", mixinStandardHelpOptions = true, exitCodeOnExecutionException = ExitCode.COULD_NOT_RUN,
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {ExitCode.PASSED_LINE + "done", ExitCode.FAILED_LINE + "status found a problem",
                ExitCode.COULD_NOT_RUN_LINE + "the database could not be started, stopped, read or migrated; bad option"},
        description = "The sender database (CentralCloud): Postgres with pg_cron, pg_net (or its stand-in) and the trigger schema.",
        subcommands = {SenderCommand.Up.class, SenderCommand.Down.class, SenderCommand.Status.class,
                SenderCommand.Migrate.class})
public final class SenderCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Option(names = "--state-file", hidden = true, description = "Where up records what it started.")
    Path stateFile = SenderState.defaultFile();

    @Override
    public void run() {
        spec.commandLine().usage(out());
    }

    /** Where every subcommand prints: the command line's writers, which tests replace. */
    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /**
     * What the subcommands share: they print through the parent's writers, and a run that cannot take
     * place throws: a {@link CouldNotRun} as its message, anything else as "sender NAME failed: ...",
     * one line on stderr, exit 2.
     */
    abstract static class Subcommand implements Callable<Integer> {

        @ParentCommand
        SenderCommand parent;

        @Spec
        CommandSpec spec;

        @Override
        public final Integer call() throws Exception {
            try {
                return run(parent.out(), parent.err());
            } catch (CouldNotRun e) {
                parent.err().println(e.getMessage());
            } catch (RuntimeException e) {
                parent.err().println("sender " + spec.name() + " failed: " + e.getMessage());
            }
            return ExitCode.COULD_NOT_RUN;
        }

        abstract int run(PrintWriter out, PrintWriter err) throws Exception;
    }

    @Command(name = "up", mixinStandardHelpOptions = true, exitCodeOnExecutionException = ExitCode.COULD_NOT_RUN,
            description = "Starts a sender database (Docker if an engine answers, else a Debian root filesystem "
                    + "made with debootstrap; needs root), applies the schema and prints its JDBC URL.")
    static final class Up extends Subcommand {

        @Option(names = "--backend", converter = BackendConverter.class,
                description = "auto, docker or debootstrap (default: auto).")
        SenderDatabase.Backend backend = SenderDatabase.Backend.AUTO;

        @Option(names = "--serve-status", description = "Also serve GET /admin/replication/status and stay in the "
                + "foreground until interrupted; the database stops with it.")
        boolean serveStatus;

        @Option(names = "--status-port", description = "Port of the status endpoint on 127.0.0.1 (default: ${DEFAULT-VALUE}; 0 = free).")
        int statusPort = 4100;

        @Option(names = "--admin-token", description = "Bearer token of the status endpoint (default: $KIT_ADMIN_TOKEN).")
        String adminToken = System.getenv("KIT_ADMIN_TOKEN");

        @Override
        int run(PrintWriter out, PrintWriter err) throws InterruptedException {
            Optional<SenderState> existing = SenderState.read(parent.stateFile);
            if (existing.isPresent() && existing.get().running()) {
                throw new CouldNotRun("a sender database is already up: " + existing.get().jdbcUrl() + " (./kit sender down stops it)");
            }
            if (serveStatus && (adminToken == null || adminToken.isBlank())) {
                throw new CouldNotRun("--serve-status needs --admin-token or KIT_ADMIN_TOKEN");
            }
            return serveStatus ? foreground(out) : detached(out);
        }

        private int detached(PrintWriter out) {
            SenderServer server = SenderDatabase.startDetached(backend);
            String handle = server instanceof ChrootPostgres c ? Long.toString(c.supervisorPid())
                    : server instanceof DockerCliPostgres d ? d.containerId() : "-";
            new SenderState(server.kind(), server.jdbcUrl(), handle).write(parent.stateFile);
            out.println("sender database up (" + server.kind() + ")");
            out.println(server.jdbcUrl());
            out.flush();
            return 0;
        }

        private int foreground(PrintWriter out) throws InterruptedException {
            SenderDatabase db = SenderDatabase.start(backend);
            StatusServer status = StatusServer.start("127.0.0.1", statusPort, db.jdbcUrl(), adminToken);
            new SenderState(db.kind(), db.jdbcUrl(), "-").write(parent.stateFile);
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                status.close();
                db.close();
                SenderState.delete(parent.stateFile);
                stopped.countDown();
            }, "sender-up-stop"));
            out.println("sender database up (" + db.kind() + ")");
            out.println(db.jdbcUrl());
            out.println("status endpoint: " + status.url() + " (Ctrl-C stops both)");
            out.flush();
            stopped.await();
            return 0;
        }
    }

    @Command(name = "down", mixinStandardHelpOptions = true, exitCodeOnExecutionException = ExitCode.COULD_NOT_RUN, description = "Stops the sender database that up started.")
    static final class Down extends Subcommand {

        @Override
        int run(PrintWriter out, PrintWriter err) {
            Optional<SenderState> state = SenderState.read(parent.stateFile);
            if (state.isEmpty()) {
                out.println("no sender database is up");
                return 0;
            }
            SenderState s = state.get();
            if (!s.running()) {
                SenderState.delete(parent.stateFile);
                out.println("no sender database is up (removed the record of one that is gone)");
                return 0;
            }
            if ("-".equals(s.handle())) {
                throw new CouldNotRun("the sender database belongs to a running 'up --serve-status': stop that one");
            }
            if ("debootstrap".equals(s.kind())) {
                ChrootPostgres.stop(Long.parseLong(s.handle()));
            } else {
                DockerCliPostgres.remove(s.handle());
            }
            SenderState.delete(parent.stateFile);
            out.println("sender database stopped");
            return 0;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, exitCodeOnExecutionException = ExitCode.COULD_NOT_RUN,
            description = {"Prints the settings, the queue figures, the active instances, each instance's state, backlog "
                    + "and oldest pending change, and the health: a pg_cron or pg_net setting that keeps the database "
                    + "from sending, or requests stalled in pg_net's queue, one line each on stderr; a warning line on "
                    + "stderr for each paused or deactivated instance (the exit status stays 0 for those).",
                    "Then who sends (pg_net and its version, or the stand-in) and the last minute's pacing: rows "
                    + "committed per second x instances against pg_net's pass capacity (pg_net.batch_size per "
                    + "max(1 s, pass p99)), with a warning line on stderr when they exceed it.",
                    "Exit status: 0 healthy, 1 an error was found, 2 the database could not be read."})
    static final class Status extends Subcommand {

        @Option(names = "--jdbc-url", description = "A sender database (default: the one up started).")
        String jdbcUrl;

        @Override
        int run(PrintWriter out, PrintWriter err) {
            String url = jdbcUrl != null ? jdbcUrl : SenderState.read(parent.stateFile).map(SenderState::jdbcUrl)
                    .orElseThrow(() -> new CouldNotRun("no sender database is up (./kit sender up), and no --jdbc-url given"));
            try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
                out.println("database: " + redacted(url));
                try (ResultSet rs = st.executeQuery("SELECT replication.get_settings()::text, replication.get_queue_stats()::text")) {
                    rs.next();
                    out.println("settings: " + rs.getString(1));
                    out.println("queue:    " + rs.getString(2));
                }
                out.println("instances:");
                java.util.List<String> instances = SenderDatabase.lines(st, "SELECT format('  %s  %s  %s  %s  success=%s errors=%s "
                        + "last_sync=%s last_error=%s', i->>'instance_id', i->>'instance_name', i->>'table_name', i->>'http_endpoint', "
                        + "i->>'success_count', i->>'error_count', coalesce(i->>'last_sync_at', '-'), coalesce(i->>'last_error', '-')) "
                        + "FROM jsonb_array_elements(replication.list_active_instances()) i");
                instances.forEach(out::println);
                if (instances.isEmpty()) {
                    out.println("  (none registered: SELECT replication.register_instance(name, endpoint, table))");
                }
                printInstanceHealth(st, out, err);
                // Setup problems (pg_cron / pg_net settings) and stalled requests: one line each.
                java.util.List<String> errors = SenderDatabase.lines(st, SenderDatabase.HEALTH_ERRORS);
                out.println("health:   " + (errors.isEmpty() ? "ok" : errors.size() + " error(s)"));
                java.util.List<String> warnings = printPacing(st, out);
                out.flush();
                errors.forEach(e -> err.println("sender: " + e));
                warnings.forEach(w -> err.println("sender: warning: " + w));
                return errors.isEmpty() ? 0 : 1;
            } catch (SQLException e) {
                throw new CouldNotRun("cannot read the sender database: " + e.getMessage().lines().findFirst().orElse(""), e);
            }
        }
    }

    /**
     * SND-STAT-01: who sends, the last minute's commit rate against pg_net's pass capacity; returns the
     * warnings (deliveries offered beyond the capacity), which do not make the status fail.
     */
    static java.util.List<String> printPacing(Statement st, PrintWriter out) throws SQLException {
        try (ResultSet rs = st.executeQuery("SELECT to_regprocedure('replication.pacing(integer)') IS NOT NULL")) {
            rs.next();
            if (!rs.getBoolean(1)) {
                out.println("pacing:   not in this schema (./kit sender migrate brings it)");
                return java.util.List.of();
            }
        }
        try (ResultSet rs = st.executeQuery("SELECT p->'provider'->>'label', p->>'commit_rate_per_second', "
                + "p->>'active_instances', p->>'offered_deliveries_per_second', coalesce(p->>'pass_p99_seconds', '-'), "
                + "p->>'pgnet_batch_size', p->>'pass_capacity_per_second', p->>'window_seconds' FROM replication.pacing() p")) {
            rs.next();
            out.println("sender:   " + rs.getString(1));
            out.printf("pacing:   last %s s: %s rows/s committed, %s active instances, %s deliveries/s offered; "
                    + "pass capacity %s/s (pg_net.batch_size %s, pass p99 %s s)%n", rs.getString(8), rs.getString(2),
                    rs.getString(3), rs.getString(4), rs.getString(7), rs.getString(6), rs.getString(5));
        }
        return SenderDatabase.lines(st, "SELECT jsonb_array_elements_text(replication.pacing()->'warnings')");
    }

    /**
     * Each instance's state, backlog and oldest pending item; a warning line on stderr for each paused or
     * deactivated instance (SND-PAUSE-01, SND-GONE-01). Warnings do not change the exit status: the
     * sender is working as designed, a receiver is not.
     */
    static void printInstanceHealth(Statement st, PrintWriter out, PrintWriter err) throws SQLException {
        java.util.List<String> warnings = new java.util.ArrayList<>();
        out.println("instance health:");
        try (ResultSet rs = st.executeQuery("SELECT h.instance_name, h.state, h.backlog, "
                + "coalesce(to_char(h.oldest_pending_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), '-'), "
                + "coalesce(to_char(h.paused_since AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), '-'), "
                + "h.deactivated_reason, coalesce(to_char(h.next_probe_at AT TIME ZONE 'UTC', 'HH24:MI:SS\"Z\"'), '-'), "
                + "h.failed, h.superseded FROM replication.instance_health() h")) {
            while (rs.next()) {
                String name = rs.getString(1);
                String state = rs.getString(2);
                out.printf("  %s  state=%s backlog=%d oldest_pending=%s failed=%d superseded=%d%n", name, state,
                        rs.getLong(3), rs.getString(4), rs.getLong(8), rs.getLong(9));
                if ("paused".equals(state)) {
                    warnings.add(String.format("instance %s is paused since %s (unreachable): %d items wait, the oldest "
                            + "since %s; next probe at %s", name, rs.getString(5), rs.getLong(3), rs.getString(4), rs.getString(7)));
                } else if ("deactivated".equals(state)) {
                    warnings.add(String.format("instance %s is deactivated (%s): %d items wait until it is registered again",
                            name, rs.getString(6), rs.getLong(3)));
                }
            }
        }
        out.flush();
        warnings.forEach(w -> err.println("warning: " + w));
        err.flush();
    }

    @Command(name = "migrate", mixinStandardHelpOptions = true, exitCodeOnExecutionException = ExitCode.COULD_NOT_RUN,
            description = "Applies the kit's schema (Flyway) to a database you run, e.g. a container of the sender "
                    + "image, upgrading one made by an older kit; then checks that it can send.")
    static final class Migrate extends Subcommand {

        @Option(names = "--jdbc-url", required = true,
                description = "The database, user and password in the URL: jdbc:postgresql://127.0.0.1:5433/centralcloud?user=postgres&password=...")
        String jdbcUrl;

        @Override
        int run(PrintWriter out, PrintWriter err) {
            try (SenderDatabase db = SenderDatabase.connect(jdbcUrl)) {
                out.println("sender schema up to date (" + db.netProvider() + ")");
                return 0;
            } catch (RuntimeException e) {
                String message = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
                err.println("sender migrate failed: " + message);
                return message.contains("cannot send") ? 1 : 2;
            }
        }
    }

    /** The URL as printed: without its password. */
    static String redacted(String jdbcUrl) {
        return jdbcUrl.replaceAll("password=[^&]*", "password=***");
    }

    /** auto, docker or debootstrap, in any case. */
    public static final class BackendConverter implements picocli.CommandLine.ITypeConverter<SenderDatabase.Backend> {
        @Override
        public SenderDatabase.Backend convert(String value) {
            try {
                return SenderDatabase.Backend.valueOf(value.trim().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException("expected auto, docker or debootstrap, got '" + value + "'");
            }
        }
    }
}
