package org.replkit.sender;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL 17 with pg_cron and pgsql-http, run from the cached Debian root filesystem
 * ({@link DebianRootFs}) without Docker: chroot into it, in a private mount namespace where /proc is
 * bind-mounted and /dev/shm is a tmpfs, as the rootfs's postgres user, on a free loopback port.
 *
 * <p>A supervisor shell (chroot-run.sh) owns the server: stopping it (SIGTERM or SIGINT) shuts Postgres
 * down fast and deletes the instance's data folder; when the JVM that started it dies, it does the same
 * by itself, unless the server was started detached ({@code ./kit sender up}). Mounts never outlive
 * the namespace, so nothing stays mounted on the host.
 */
final class ChrootPostgres implements SenderServer {

    static final String DATABASE = "centralcloud";
    private static final String INSTANCES = "/var/lib/replkit";
    private static final Logger LOG = LoggerFactory.getLogger(ChrootPostgres.class);

    /** Present in the instance folder while a crash-stopped server waits to be started again. */
    private static final String RESTARTING_MARKER = ".restarting";

    private final Path root;
    private final String instanceDir;
    private final int port;
    /** What starting the server again needs: the supervisor's command line. */
    private final List<String> serverCommand;
    private volatile ProcessHandle supervisor;

    private ChrootPostgres(Path root, String instanceDir, int port, List<String> serverCommand, ProcessHandle supervisor) {
        this.root = root;
        this.instanceDir = instanceDir;
        this.port = port;
        this.serverCommand = List.copyOf(serverCommand);
        this.supervisor = supervisor;
    }

    /**
     * Starts a fresh, empty server (the database {@value #DATABASE} exists, no schema yet).
     *
     * @param detached true to let it outlive this JVM (stopped later through {@link #stop(long)})
     */
    static ChrootPostgres start(boolean detached) {
        return start(detached ? "-" : Long.toString(ProcessHandle.current().pid()), detached, "");
    }

    /**
     * As {@link #start(boolean)}, stopping by itself when the process watchPid ends ("-": never), with
     * lines appended to postgresql.conf after the kit's own (a later line wins; tests misconfigure it so).
     */
    static ChrootPostgres start(String watchPid, boolean detached, String extraConfig) {
        Path root = DebianRootFs.ensure();
        sweepStaleInstances(root);
        IllegalStateException last = null;
        for (int attempt = 1; attempt <= 3; attempt++) {
            try {
                return startOnce(root, Sh.freePort(), watchPid, detached, extraConfig);
            } catch (PortTakenException e) {
                last = e; // another process took the port between our probe and Postgres' bind
            }
        }
        throw last;
    }

    private static ChrootPostgres startOnce(Path root, int port, String watch, boolean detached, String extraConfig) {
        String dir = INSTANCES + "/pg-" + port + "-" + UUID.randomUUID().toString().substring(0, 8);
        Path hostDir = root.resolve(dir.substring(1));
        String userSpec = postgresUser(root);
        Path script = supervisorScript();
        try {
            Files.createDirectories(hostDir);
            chown(hostDir, userSpec);
            Path initLog = hostDir.resolve("initdb.log");
            Process initdb = new ProcessBuilder(chrootCommand(script, root, userSpec, "-", "-",
                    DebianRootFs.PG_BIN + "/initdb", "-D", dir + "/data", "-U", "postgres", "--auth=trust",
                    "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"))
                    .redirectErrorStream(true).redirectOutput(initLog.toFile()).start();
            if (Sh.waitFor(initdb, 2, TimeUnit.MINUTES) != 0) {
                String log = Sh.tail(initLog, 20);
                Sh.deleteTree(hostDir);
                throw new IllegalStateException("initdb failed in " + root + ":\n" + log);
            }
            Files.writeString(hostDir.resolve("data/postgresql.conf"), config(dir, port) + extraConfig + "\n",
                    java.nio.file.StandardOpenOption.APPEND);
            Path serverLog = hostDir.resolve("postgres.log");
            List<String> command = chrootCommand(script, root, userSpec, watch, dir,
                    DebianRootFs.PG_BIN + "/postgres", "-D", dir + "/data");
            if (detached) {
                command.add(0, "setsid");
            }
            ChrootPostgres server = new ChrootPostgres(root, dir, port, command, launch(command, hostDir));
            server.awaitReady(serverLog, Duration.ofSeconds(60));
            server.createDatabase();
            LOG.info("sender database up (debootstrap, port {}, {})", port, dir);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start Postgres in " + root, e);
        }
    }

    /** Starts the supervisor (which starts Postgres); the server log is appended to, across restarts. */
    private static ProcessHandle launch(List<String> command, Path hostDir) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(hostDir.resolve("postgres.log").toFile())).start();
        p.getOutputStream().close();
        Files.writeString(hostDir.resolve("supervisor.pid"), Long.toString(p.pid()));
        return p.toHandle();
    }

    @Override
    public boolean canCrashAndRestart() {
        return true;
    }

    /**
     * Stops the server the way a crash does: {@code pg_ctl stop -m immediate} (no checkpoint, no clean
     * shut-down; the next start runs crash recovery, which empties unlogged tables). The data folder is
     * kept for {@link #startAgain()}.
     */
    @Override
    public void stopImmediately() {
        ProcessHandle current = supervisor;
        if (!current.isAlive()) {
            throw new IllegalStateException("the sender database is not running");
        }
        Path marker = hostDir().resolve(RESTARTING_MARKER);
        try {
            Files.writeString(marker, "");
            Path log = hostDir().resolve("pg_ctl-stop.log");
            Process stop = new ProcessBuilder(chrootCommand(supervisorScript(), root, postgresUser(root), "-", "-",
                    DebianRootFs.PG_BIN + "/pg_ctl", "-D", instanceDir + "/data", "-m", "immediate", "-w", "stop"))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (Sh.waitFor(stop, 60, TimeUnit.SECONDS) != 0) {
                throw new IllegalStateException("pg_ctl stop -m immediate failed:\n" + Sh.tail(log, 10));
            }
            current.onExit().get(30, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stop the sender database", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping the sender database", e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("the sender database's supervisor did not exit after the stop", e);
        }
    }

    /** Starts a server stopped by {@link #stopImmediately()} again, on the same data folder and port. */
    @Override
    public void startAgain() {
        Path dir = hostDir();
        Path marker = dir.resolve(RESTARTING_MARKER);
        if (supervisor.isAlive() || !Files.exists(marker)) {
            throw new IllegalStateException("the sender database was not stopped by stopImmediately()");
        }
        try {
            Files.delete(marker); // from now on, the server's end removes its folder again
            supervisor = launch(serverCommand, dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the sender database again", e);
        }
        awaitReady(dir.resolve("postgres.log"), Duration.ofSeconds(120));
        LOG.info("sender database up again after an immediate stop (port {})", port);
    }

    private static List<String> chrootCommand(Path script, Path root, String userSpec, String watch, String cleanup,
                                              String... command) {
        List<String> args = new java.util.ArrayList<>(List.of("unshare", "--mount", "--propagation", "private",
                "/bin/sh", script.toString(), root.toString(), userSpec, watch, cleanup));
        args.addAll(List.of(command));
        return args;
    }

    /** The kit's lines of postgresql.conf (chroot-postgresql.conf), for this instance's folder and port. */
    private static String config(String dir, int port) {
        return ClasspathFiles.read("org/replkit/sender/chroot-postgresql.conf").formatted(dir, port, DATABASE);
    }

    private void awaitReady(Path serverLog, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            if (!supervisor.isAlive()) {
                String log = Sh.tail(serverLog, 20);
                if (log.contains("could not bind") || log.contains("Address already in use")) {
                    throw new PortTakenException(log);
                }
                throw new IllegalStateException("Postgres stopped during start-up:\n" + log);
            }
            try (Connection c = DriverManager.getConnection(url("postgres"))) {
                return;
            } catch (SQLException e) {
                last = e;
            }
            sleep(100);
        }
        close();
        throw new IllegalStateException("Postgres did not accept connections within " + limit + ": "
                + (last == null ? "" : last.getMessage()) + "\n" + Sh.tail(serverLog, 20));
    }

    private void createDatabase() {
        try (Connection c = DriverManager.getConnection(url("postgres")); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + DATABASE);
        } catch (SQLException e) {
            close();
            throw new IllegalStateException("cannot create database " + DATABASE + ": " + e.getMessage(), e);
        }
    }

    private String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=postgres";
    }

    @Override
    public String jdbcUrl() {
        return url(DATABASE);
    }

    @Override
    public String kind() {
        return "debootstrap";
    }

    long supervisorPid() {
        return supervisor.pid();
    }

    /** Where the instance lives on the host: its data folder and logs (gone once stopped). */
    @Override
    public String serverLog() {
        try {
            return java.nio.file.Files.readString(hostDir().resolve("postgres.log"));
        } catch (java.io.IOException e) {
            return "";
        }
    }

    Path hostDir() {
        return root.resolve(instanceDir.substring(1));
    }

    @Override
    public void close() {
        stop(supervisor, Duration.ofSeconds(30));
        // Crash-stopped and never started again: the supervisor kept the folder for a restart.
        if (Files.exists(hostDir().resolve(RESTARTING_MARKER))) {
            Sh.deleteTree(hostDir());
        }
    }

    /** Stops a server started detached, found by its supervisor's pid; false when it was not running. */
    static boolean stop(long supervisorPid) {
        Optional<ProcessHandle> handle = supervisor(supervisorPid);
        handle.ifPresent(h -> stop(h, Duration.ofSeconds(30)));
        return handle.isPresent();
    }

    /**
     * The live supervisor with this pid, if that pid still is one: a pid remembered across a reboot
     * or a crash may since have gone to an unrelated process, which must never be stopped.
     */
    static Optional<ProcessHandle> supervisor(long pid) {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .filter(h -> h.info().commandLine().map(c -> c.contains("chroot-run")).orElse(false));
    }

    private static void stop(ProcessHandle supervisor, Duration limit) {
        if (!supervisor.isAlive()) {
            return;
        }
        supervisor.destroy(); // SIGTERM: the supervisor shuts Postgres down fast and cleans up
        try {
            supervisor.onExit().get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.warn("sender database supervisor {} did not stop in {}; killing it", supervisor.pid(), limit);
            supervisor.descendants().forEach(ProcessHandle::destroyForcibly);
            supervisor.destroyForcibly();
        }
    }

    /** Instance folders whose supervisor is gone (a JVM killed hard before its cleanup ran). */
    private static void sweepStaleInstances(Path root) {
        Path instances = root.resolve(INSTANCES.substring(1));
        if (!Files.isDirectory(instances)) {
            return;
        }
        try (Stream<Path> dirs = Files.list(instances)) {
            for (Path dir : dirs.toList()) {
                Path pidFile = dir.resolve("supervisor.pid");
                Path postmasterPid = dir.resolve("data/postmaster.pid");
                boolean supervisorAlive = Files.exists(pidFile) && alive(Files.readString(pidFile).trim());
                boolean postmasterAlive = Files.exists(postmasterPid)
                        && alive(Files.readAllLines(postmasterPid).get(0).trim());
                long ageMillis = System.currentTimeMillis() - Files.getLastModifiedTime(dir).toMillis();
                if (!supervisorAlive && !postmasterAlive && ageMillis > 120_000) {
                    LOG.info("removing a stale sender instance: {}", dir);
                    Sh.deleteTree(dir);
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not sweep stale sender instances: {}", e.getMessage());
        }
    }

    private static boolean alive(String pid) {
        try {
            return ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** "uid:gid" of the postgres user of the root filesystem (its numbers need not exist on the host). */
    private static String postgresUser(Path root) {
        try (Stream<String> lines = Files.lines(root.resolve("etc/passwd"))) {
            return lines.filter(l -> l.startsWith("postgres:")).findFirst()
                    .map(l -> l.split(":")).map(f -> f[2] + ":" + f[3])
                    .orElseThrow(() -> new IllegalStateException("no postgres user in " + root + "/etc/passwd"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void chown(Path dir, String userSpec) throws IOException {
        String[] ids = userSpec.split(":");
        Files.setAttribute(dir, "unix:uid", Integer.parseInt(ids[0]));
        Files.setAttribute(dir, "unix:gid", Integer.parseInt(ids[1]));
    }

    /** chroot-run.sh written next to the cache, replaced atomically when its content changed. */
    private static Path supervisorScript() {
        String text = ClasspathFiles.read("org/replkit/sender/chroot-run.sh");
        Path script = DebianRootFs.cacheDir().resolve("chroot-run-" + Integer.toHexString(text.hashCode()) + ".sh");
        try {
            if (!Files.exists(script)) {
                Files.createDirectories(script.getParent());
                Path tmp = Files.createTempFile(script.getParent(), "chroot-run", ".tmp");
                Files.writeString(tmp, text);
                Files.move(tmp, script, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            return script;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting Postgres", e);
        }
    }

    private static final class PortTakenException extends IllegalStateException {
        PortTakenException(String log) {
            super("the chosen port was taken:\n" + log);
        }
    }
}
