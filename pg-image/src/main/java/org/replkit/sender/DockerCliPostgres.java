package org.replkit.sender;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The Docker path of {@code ./kit sender up}: the same image as {@link DockerPostgres}, run with the
 * docker command line so that the container outlives the command (Testcontainers would reap it when
 * the JVM exits). {@code ./kit sender down} removes it by id.
 */
final class DockerCliPostgres implements SenderServer {

    private final String containerId;
    private final String jdbcUrl;

    private DockerCliPostgres(String containerId, String jdbcUrl) {
        this.containerId = containerId;
        this.jdbcUrl = jdbcUrl;
    }

    static DockerCliPostgres start() {
        Path context = DockerBuildContext.writeToTempDir();
        try {
            docker("build", "-q", "-t", DockerBuildContext.IMAGE, context.toString());
        } finally {
            Sh.deleteTree(context);
        }
        String password = UUID.randomUUID().toString();
        String id = docker("run", "-d", "-e", "POSTGRES_PASSWORD=" + password, "-p", "127.0.0.1::5432",
                DockerBuildContext.IMAGE).trim();
        try {
            String hostPort = docker("port", id, "5432/tcp").lines().findFirst().orElseThrow().trim();
            String port = hostPort.substring(hostPort.lastIndexOf(':') + 1);
            String url = "jdbc:postgresql://127.0.0.1:" + port + "/" + ChrootPostgres.DATABASE
                    + "?user=postgres&password=" + password;
            DockerCliPostgres server = new DockerCliPostgres(id, url);
            server.awaitSchema();
            return server;
        } catch (RuntimeException e) {
            remove(id); // nothing records a container that never came up, so nothing else would remove it
            throw e;
        }
    }

    /** The init scripts have run once replication.schema_migrations lists every migration file. */
    private void awaitSchema() {
        int expected = ClasspathFiles.list(Migrations.SQL_FOLDER, ".sql").size();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (System.nanoTime() < deadline) {
            try (Connection c = DriverManager.getConnection(jdbcUrl);
                 var rs = c.createStatement().executeQuery(
                         "SELECT count(*) FROM replication.schema_migrations")) {
                if (rs.next() && rs.getInt(1) >= expected) {
                    return;
                }
            } catch (SQLException e) {
                // still starting
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        close();
        throw new IllegalStateException("the sender container did not become ready; see: docker logs " + containerId);
    }

    static void remove(String containerId) {
        docker("rm", "-f", containerId);
    }

    String containerId() {
        return containerId;
    }

    @Override
    public String jdbcUrl() {
        return jdbcUrl;
    }

    @Override
    public String kind() {
        return "docker";
    }

    @Override
    public void close() {
        remove(containerId);
    }

    private static String docker(String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        Path output = null;
        try {
            // Output to a file, not a pipe read to its end, so that the time limit holds for a hung docker.
            output = Files.createTempFile("kit-docker", ".out");
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            int exit = Sh.waitFor(p, 30, TimeUnit.MINUTES);
            String out = Files.readString(output, StandardCharsets.UTF_8);
            if (exit != 0) {
                throw new IllegalStateException(String.join(" ", command.subList(0, 2))
                        + (exit == -1 ? " did not finish in 30 minutes" : " failed") + ":\n" + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (output != null) {
                try {
                    Files.deleteIfExists(output);
                } catch (IOException ignored) {
                    // a temporary file left in /tmp
                }
            }
        }
    }
}
