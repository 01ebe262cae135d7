package org.replkit.sender;

import java.time.Duration;
import java.util.UUID;

/**
 * The Docker path of {@code ./kit sender up}: the same image as {@link DockerPostgres}, run with the
 * docker command line so that the container outlives the command (Testcontainers stops its
 * containers with the JVM). On the host's network, on a free loopback port. {@code ./kit sender down}
 * removes it by id.
 */
record DockerCliPostgres(String containerId, String jdbcUrl) implements DockerServer {

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
        if (DockerServer.awaitConnection(jdbcUrl, Duration.ofMinutes(3)).isEmpty()) {
            return;
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
    public void close() {
        remove(containerId);
    }

    /** Without the password the JDBC URL holds. */
    @Override
    public String toString() {
        return "DockerCliPostgres[" + containerId + ", " + SenderCommand.redacted(jdbcUrl) + "]";
    }
}
