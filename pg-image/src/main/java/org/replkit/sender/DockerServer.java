package org.replkit.sender;

import java.time.Duration;

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
        DockerCliPostgres.awaitConnection(jdbcUrl, Duration.ofMinutes(2)).ifPresent(last -> {
            throw new IllegalStateException("the sender container did not accept connections within 2 minutes of its restart"
                    + (last.isEmpty() ? "" : ": " + last));
        });
    }
}
