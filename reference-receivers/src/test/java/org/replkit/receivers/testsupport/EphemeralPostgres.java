package org.replkit.receivers.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL cluster from the machine's installed binaries (Debian's
 * /usr/lib/postgresql/N/bin), on a free loopback port, in a temporary directory that
 * {@link #close()} removes. As root it runs the server as the postgres user, as Postgres demands.
 */
public final class EphemeralPostgres implements AutoCloseable {

    private final Path bin;
    private final Path dir;
    private final int port;
    private final boolean asRoot;
    private final boolean durable;

    private EphemeralPostgres(Path bin, Path dir, int port, boolean asRoot, boolean durable) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
        this.asRoot = asRoot;
        this.durable = durable;
    }

    /**
     * A cluster for tests: fsync off, since a test's data need not survive a crash.
     *
     * @throws IllegalStateException when no PostgreSQL server binaries are installed
     */
    public static EphemeralPostgres start() {
        return start(false);
    }

    /** A cluster that commits as a production server does (fsync on, synchronous commit): for benchmarks. */
    public static EphemeralPostgres startDurable() {
        return start(true);
    }

    private static EphemeralPostgres start(boolean durable) {
        Path bin = findBinaries();
        boolean asRoot = "root".equals(System.getProperty("user.name"));
        try {
            Path dir = Files.createTempDirectory("kit-pg-");
            if (asRoot) {
                run(List.of("chown", "-R", "postgres:postgres", dir.toString()), false);
            }
            int port = freePort();
            EphemeralPostgres pg = new EphemeralPostgres(bin, dir, port, asRoot, durable);
            pg.pg(List.of(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(),
                    "-A", "trust", "-U", "kit", "--no-sync", "-E", "UTF8", "--locale=C"));
            pg.startServer();
            return pg;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the server again after {@link #stopServer()}, on the same port. */
    public void startServer() {
        pg(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-w", "-t", "30",
                "-l", dir.resolve("server.log").toString(),
                "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c max_connections=200" + (durable ? "" : " -c fsync=off"),
                "start"));
    }

    /** Stops the server at once (the data stays), to test what a receiver does when its database is down. */
    public void stopServer() {
        pg(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "immediate", "-w", "stop"));
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=kit";
    }

    @Override
    public void close() {
        try {
            stopServer();
        } catch (RuntimeException ignored) {
            // already stopped
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: a temp directory left behind is harmless
        }
    }

    private void pg(List<String> command) {
        List<String> full = new ArrayList<>();
        if (asRoot) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        run(full, true);
    }

    private static void run(List<String> command, boolean quiet) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path findBinaries() {
        Path root = Paths.get("/usr/lib/postgresql");
        try (Stream<Path> versions = Files.list(root)) {
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
                + "install them (apt-get install postgresql-15) or set KIT_TEST_PG_URL to a database the tests may use");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
