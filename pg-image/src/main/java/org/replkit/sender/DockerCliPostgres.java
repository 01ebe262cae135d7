package org.replkit.sender;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The Docker path of {@code ./kit sender up}: the same image as {@link DockerPostgres}, run with the
 * docker command line so that the container outlives the command (Testcontainers stops its
 * containers with the JVM). On the host's network, on a free loopback port. {@code ./kit sender down}
 * removes it by id.
 */
record DockerCliPostgres(String containerId, String jdbcUrl) implements SenderServer {

    static DockerCliPostgres start() {
        String image = DockerImage.ensureBuilt();
        String password = UUID.randomUUID().toString();
        int port = Sh.freePort();
        String id = DockerCli.run("run", "-d", "--network", "host", "-e", "POSTGRES_PASSWORD=" + password,
                image, "postgres", "-c", "port=" + port, "-c", "listen_addresses=127.0.0.1").trim();
        try {
            String url = "jdbc:postgresql://127.0.0.1:" + port + "/" + ChrootPostgres.DATABASE
                    + "?user=postgres&password=" + password;
            DockerCliPostgres server = new DockerCliPostgres(id, url);
            server.awaitReady();
            return server;
        } catch (RuntimeException e) {
            remove(id); // nothing records a container that never came up, so nothing else would remove it
            throw e;
        }
    }

    /** The init run listens on a socket only: a TCP connection means the server is up for good. */
    private void awaitReady() {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            try (Connection c = DriverManager.getConnection(jdbcUrl + "&connectTimeout=2")) {
                return;
            } catch (SQLException e) {
                // still starting
            }
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        String logs;
        try {
            logs = DockerCli.run(1, "logs", "--tail", "15", containerId);
        } catch (RuntimeException e) {
            logs = e.getMessage();
        }
        throw new IllegalStateException("the sender container did not accept connections within 3 minutes:\n" + logs.strip());
    }

    static void remove(String containerId) {
        DockerCli.run("rm", "-f", containerId);
    }

    @Override
    public String kind() {
        return "docker";
    }

    @Override
    public boolean canCrashAndRestart() {
        return true;
    }

    @Override
    public void stopImmediately() {
        DockerCrash.kill(containerId);
    }

    @Override
    public void startAgain() {
        DockerCrash.startAgain(containerId, jdbcUrl);
    }

    @Override
    public void close() {
        remove(containerId);
    }

    /** Without the password the JDBC URL holds. */
    @Override
    public String toString() {
        return "DockerCliPostgres[" + containerId + ", " + SenderCommand.redacted(jdbcUrl) + "]";
    }
}
