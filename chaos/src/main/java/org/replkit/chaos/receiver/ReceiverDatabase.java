package org.replkit.chaos.receiver;

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
 * The receivers' own PostgreSQL for a chaos run: a throwaway cluster from the machine's PostgreSQL
 * binaries (Debian: /usr/lib/postgresql/N/bin), on a free loopback port, in a temporary folder that
 * {@link #close()} removes (and a JVM shutdown hook, should the run be interrupted).
 *
 * <p>Why not the sender's PostgreSQL: the nemesis crash-stops that one, and a receiver whose store
 * went down with the sender would hide which side lost what. The receivers' data must outlive the
 * receiver process, not the sender.
 */
public final class ReceiverDatabase implements AutoCloseable {

    private static final String USER = "kit";

    private final Path bin;
    private final Path dir;
    private final int port;
    private final boolean asRoot;
    private final Thread hook;

    private ReceiverDatabase(Path bin, Path dir, int port, boolean asRoot) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
        this.asRoot = asRoot;
        this.hook = new Thread(this::stopAndDelete, "receiver-database-stop");
    }

    /** @throws IllegalStateException when no PostgreSQL server binaries are installed, or the cluster cannot start */
    public static ReceiverDatabase start() {
        Path bin = findBinaries();
        boolean asRoot = "root".equals(System.getProperty("user.name"));
        Path dir;
        try {
            dir = Files.createTempDirectory("kit-chaos-receiver-pg-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a folder for the receivers' PostgreSQL", e);
        }
        ReceiverDatabase db = new ReceiverDatabase(bin, dir, freePort(), asRoot);
        Runtime.getRuntime().addShutdownHook(db.hook);
        try {
            if (asRoot) {
                run(List.of("chown", "-R", "postgres:postgres", dir.toString()));
            }
            db.pg(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-A", "trust", "-U", USER,
                    "--no-sync", "-E", "UTF8", "--locale=C");
            db.pg(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-w", "-t", "60",
                    "-l", dir.resolve("server.log").toString(), "-o",
                    "-p " + db.port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100",
                    "start");
            db.watchJvm();
            return db;
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /** The JDBC URL of a schema of its own in this cluster (the receivers' store creates its tables there). */
    public String jdbcUrl(String schema) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=" + USER + "&currentSchema=" + schema;
    }

    public String describe() {
        return "a throwaway PostgreSQL cluster (" + bin.getParent().getFileName() + ", port " + port + ")";
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // shutting down: the hook does it
            return;
        }
        stopAndDelete();
    }

    /**
     * A shell that outlives this JVM only to stop the cluster and delete its folder should the JVM die
     * without running its shutdown hooks (kill -9): nothing is left running.
     */
    private void watchJvm() {
        String stop = (asRoot ? "runuser -u postgres -- " : "") + bin.resolve("pg_ctl") + " -D " + dir.resolve("data") + " -m fast stop";
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

    private Process watcher;

    private void stopAndDelete() {
        if (watcher != null) {
            watcher.destroy();
        }
        try {
            pg(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "fast", "-w", "stop");
        } catch (RuntimeException ignored) {
            // never started, or already stopped
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort
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
                throw new IllegalStateException("the receivers' PostgreSQL: " + String.join(" ", command.subList(
                        command.indexOf("--") + 1, Math.min(command.size(), command.indexOf("--") + 2)))
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
        Path root = Path.of("/usr/lib/postgresql");
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
                    .max(Comparator.comparingInt(b -> Integer.parseInt(b.getParent().getFileName().toString().replaceAll("\\D", "0"))))
                    .orElseThrow(ReceiverDatabase::notInstalled);
        } catch (IOException e) {
            throw notInstalled();
        }
    }

    private static IllegalStateException notInstalled() {
        return new IllegalStateException("no PostgreSQL server binaries under /usr/lib/postgresql for the receivers' store: "
                + "install them (apt-get install postgresql-15) or pass --receiver-db-url");
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
