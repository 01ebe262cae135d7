package org.replkit.conformance.selftest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The PostgreSQL for the reference receivers' Postgres store: the database named by
 * {@code KIT_TEST_PG_URL} (CI exports it), else a throwaway cluster from the installed Debian
 * binaries on a free loopback port, removed when the test JVM exits. Each caller gets a schema of
 * its own.
 */
public final class TestDatabase {

    public static final String ENV = "KIT_TEST_PG_URL";

    private static String baseUrl;

    private TestDatabase() {}

    /** A JDBC URL whose currentSchema is new and unique. */
    public static synchronized String freshSchemaUrl() {
        if (baseUrl == null) {
            String configured = System.getenv(ENV);
            baseUrl = configured != null && !configured.isBlank() ? configured.trim() : startThrowawayCluster();
        }
        String schema = "kit_verify_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        return baseUrl + (baseUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    private static String startThrowawayCluster() {
        Path bin = binaries();
        boolean root = "root".equals(System.getProperty("user.name"));
        try {
            Path dir = Files.createTempDirectory("kit-verify-pg-");
            if (root) {
                run(List.of("chown", "-R", "postgres:postgres", dir.toString()), false);
            }
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            Path data = dir.resolve("data");
            run(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-A", "trust", "-U", "kit",
                    "--no-sync", "-E", "UTF8", "--locale=C"), root);
            run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-w", "-t", "30",
                    "-l", dir.resolve("server.log").toString(), "-o",
                    "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off", "start"), root);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w", "stop"), root);
                } finally {
                    try (Stream<Path> files = Files.walk(dir)) {
                        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                    } catch (IOException ignored) {
                        // a temp directory left behind is harmless
                    }
                }
            }, "kit-verify-pg-stop"));
            return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=kit";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void run(List<String> command, boolean asPostgres) {
        List<String> full = new ArrayList<>();
        if (asPostgres) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        try {
            Process p = new ProcessBuilder(full).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", full) + " failed:\n" + out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path binaries() {
        try (Stream<Path> versions = Files.list(Paths.get("/usr/lib/postgresql"))) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.naturalOrder())
                    .orElseThrow(TestDatabase::notInstalled);
        } catch (IOException e) {
            throw notInstalled();
        }
    }

    private static IllegalStateException notInstalled() {
        return new IllegalStateException("no PostgreSQL under /usr/lib/postgresql: apt-get install postgresql-15, "
                + "or set " + ENV + " to a database the tests may use");
    }
}
