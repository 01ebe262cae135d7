package org.replkit.sender;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

/**
 * A sender database in a container, by Testcontainers or the docker command line. A crash is the
 * postmaster (the container's first process) killed with SIGKILL, then the same container started
 * again, so the server runs crash recovery on the same data (pg_net's unlogged queue and responses come
 * back empty, their ids start again at 1).
 */
interface DockerServer extends SenderServer {

    String containerId();

    @Override
    default String kind() {
        return "docker";
    }

    @Override
    default boolean canCrashAndRestart() {
        return true;
    }

    /** SIGKILL to the container's postmaster; the container stops with it, its data stays. */
    @Override
    default void stopImmediately() {
        DockerCli.run(1, "kill", "--signal", "KILL", containerId());
    }

    /** Starts the killed container again (same command, port and data); returns once the URL answers. */
    @Override
    default void startAgain() {
        DockerCli.run(1, "start", containerId());
        awaitConnection(jdbcUrl(), Duration.ofMinutes(2)).ifPresent(last -> {
            throw new IllegalStateException("the sender container did not accept connections within 2 minutes of its restart"
                    + (last.isEmpty() ? "" : ": " + last));
        });
    }

    /** Waits until the URL takes a connection: empty once it does, else the last failure after {@code limit}. */
    static Optional<String> awaitConnection(String jdbcUrl, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            try (Connection c = DriverManager.getConnection(jdbcUrl + "&connectTimeout=2")) {
                return Optional.empty();
            } catch (SQLException e) {
                last = e.getMessage(); // still starting, or crash recovery still running
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return Optional.of(last);
    }
}
