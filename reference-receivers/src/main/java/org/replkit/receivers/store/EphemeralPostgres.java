package org.replkit.receivers.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL cluster from the machine's installed binaries (Debian's
 * /usr/lib/postgresql/N/bin), on a free loopback port, in a temporary folder that {@link #close()}
 * removes. The one throwaway database of the kit: the receivers' store in a chaos run, and the
 * tests' store when no {@code KIT_TEST_PG_URL} is given. (The sender database is another thing:
 * pg_cron and pg_net in a root filesystem of their own, {@code ChrootPostgres}.)
 *
 * <p>Nothing outlives the JVM: a shutdown hook stops the cluster on an ordinary exit, and a small
 * shell watching this JVM's pid stops it after a kill -9. As root the server runs as the postgres
 * user, as PostgreSQL demands.
 */
public final class EphemeralPostgres implements AutoCloseable {

    private static final String USER = "kit";

    private final Path bin;
    private final Path dir;
    private final int port;
    private final boolean asRoot;
    private final boolean durable;
    private final Thread hook;
    private Process watcher;

    private EphemeralPostgres(Path bin, Path dir, int port, boolean asRoot, boolean durable) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
        this.asRoot = asRoot;
        this.durable = durable;
        this.hook = new Thread(this::stopAndDelete, "ephemeral-postgres-stop");
    }

    /**
     * A cluster with fsync off: its data need not survive a crash of the machine.
     *
     * @throws IllegalStateException when no PostgreSQL server binaries are installed, or the cluster cannot start
     */
    public static EphemeralPostgres start() {
        return start(false);
    }

    /** A cluster that commits as a production server does (fsync on): for benchmarks. */
    public static EphemeralPostgres startDurable() {
        return start(true);
    }

    private static EphemeralPostgres start(boolean durable) {
        Path bin = findBinaries();
        boolean asRoot = "root".equals(System.getProperty("user.name"));
        Path dir;
        try {
            dir = Files.createTempDirectory("kit-pg-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a folder for a throwaway PostgreSQL", e);
        }
        EphemeralPostgres pg = new EphemeralPostgres(bin, dir, freePort(), asRoot, durable);
        Runtime.getRuntime().addShutdownHook(pg.hook);
        try {
            if (asRoot) {
                run(List.of("chown", "-R", "postgres:postgres", dir.toString()));
            }
            pg.pg(bin.resolve("initdb").toString(), "-D", pg.data(), "-A", "trust", "-U", USER,
                    "--no-sync", "-E", "UTF8", "--locale=C");
            pg.startServer();
            pg.watchJvm();
            return pg;
        } catch (RuntimeException e) {
            pg.close();
            throw e;
        }
    }

    /** Starts the server (again, after {@link #stopServer()}) on the same port. */
    public void startServer() {
        pg(bin.resolve("pg_ctl").toString(), "-D", data(), "-w", "-t", "60",
                "-l", dir.resolve("server.log").toString(), "-o",
                "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c max_connections=200"
                        + (durable ? "" : " -c fsync=off"),
                "start");
    }

    /** Stops the server at once (the data stays), to see what a receiver does when its database is down. */
    public void stopServer() {
        pg(bin.resolve("pg_ctl").toString(), "-D", data(), "-m", "immediate", "-w", "stop");
    }

    /** The JDBC URL of the cluster's database {@code postgres}. */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=" + USER;
    }

    /** The JDBC URL of a schema of its own in this cluster (the receivers' store creates its tables there). */
    public String jdbcUrl(String schema) {
        return jdbcUrl() + "&currentSchema=" + schema;
    }

    public String describe() {
        return "a throwaway PostgreSQL cluster (" + bin.getParent().getFileName() + ", port " + port + ")";
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook does it
            return;
        }
        stopAndDelete();
    }

    private String data() {
        return dir.resolve("data").toString();
    }

    /**
     * A shell that outlives this JVM only to stop the cluster and delete its folder should the JVM die
     * without running its shutdown hooks (kill -9).
     */
    private void watchJvm() {
        String stop = (asRoot ? "runuser -u postgres -- " : "") + bin.resolve("pg_ctl") + " -D " + data() + " -m fast stop";
        String script = "while kill -0 " + ProcessHandle.current().pid() + " 2>/dev/null; do sleep 1; done; "
                + stop + " >/dev/null 2>&1; rm -rf '" + dir + "'";
        try {
            watcher = new ProcessBuilder("setsid", "sh", "-c", script).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            watcher.getOutputStream().close();
        } catch (IOException e) {
            // without the watcher, the shutdown hook still stops the cluster on any ordinary exit
        }
    }

    private void stopAndDelete() {
        if (watcher != null) {
            watcher.destroy();
        }
        try {
            pg(bin.resolve("pg_ctl").toString(), "-D", data(), "-m", "fast", "-w", "stop");
        } catch (RuntimeException ignored) {
            // never started, or already stopped
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: a temporary folder left behind is harmless
        }
    }

    private void pg(String... command) {
        List<String> full = new ArrayList<>();
        if (asRoot) {
            // PostgreSQL refuses to run as root.
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(List.of(command));
        run(full);
    }

    private static void run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(90, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                int program = command.indexOf("--") + 1;
                throw new IllegalStateException("a throwaway PostgreSQL: " + Path.of(command.get(program)).getFileName()
                        + " failed: " + lastLine(out));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String lastLine(String out) {
        List<String> lines = out.lines().filter(l -> !l.isBlank()).toList();
        return lines.isEmpty() ? "(no output)" : lines.get(lines.size() - 1);
    }

    private static Path findBinaries() {
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
                    .max(Comparator.comparingInt(b -> Integer.parseInt(b.getParent().getFileName().toString().replaceAll("\\D", "0"))))
                    .orElseThrow(EphemeralPostgres::notInstalled);
        } catch (IOException e) {
            throw notInstalled();
        }
    }

    private static IllegalStateException notInstalled() {
        return new IllegalStateException("no PostgreSQL server binaries under /usr/lib/postgresql: "
                + "install them (apt-get install postgresql-15), or give a database URL");
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
