package org.replkit.sender;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;

/**
 * A crash of the sender's PostgreSQL in a container: the postmaster (the container's first process)
 * killed with SIGKILL, then the same container started again, so the server runs crash recovery on the
 * same data (pg_net's unlogged queue and responses come back empty, their ids start again at 1).
 */
final class DockerCrash {

    private DockerCrash() {
    }

    /** SIGKILL to the container's postmaster; the container stops with it, its data stays. */
    static void kill(String containerId) {
        DockerCli.run(1, "kill", "--signal", "KILL", containerId);
    }

    /** Starts the killed container again (same command, port and data); returns once the URL answers. */
    static void startAgain(String containerId, String jdbcUrl) {
        DockerCli.run(1, "start", containerId);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            try (Connection c = DriverManager.getConnection(jdbcUrl + "&connectTimeout=2")) {
                return;
            } catch (SQLException e) {
                last = e; // crash recovery still running
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new IllegalStateException("the sender container did not accept connections within 2 minutes of its restart"
                + (last == null ? "" : ": " + last.getMessage()));
    }
}
