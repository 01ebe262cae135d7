package org.replkit.sender;

import java.time.Duration;
import java.util.UUID;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.ImageFromDockerfile;

/**
 * The sender database as a container built from pg-image/Dockerfile (real pg_net and pg_cron),
 * through Testcontainers. Stopped with the JVM at the latest (Testcontainers' reaper).
 */
final class DockerPostgres implements SenderServer {

    private final GenericContainer<?> container;
    private final String password;

    private DockerPostgres(GenericContainer<?> container, String password) {
        this.container = container;
        this.password = password;
    }

    /** True when a Docker engine answers. Without a socket or DOCKER_HOST, Testcontainers is not even asked. */
    static boolean available() {
        boolean socket = java.nio.file.Files.exists(java.nio.file.Path.of("/var/run/docker.sock"));
        String dockerHost = System.getenv("DOCKER_HOST");
        if (!socket && (dockerHost == null || dockerHost.isBlank())) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable e) {
            return false;
        }
    }

    static DockerPostgres start() {
        ImageFromDockerfile image = new ImageFromDockerfile(DockerBuildContext.IMAGE, false);
        for (String[] f : DockerBuildContext.files()) {
            image.withFileFromClasspath(f[0], f[1]);
        }
        String password = UUID.randomUUID().toString();
        GenericContainer<?> container = new GenericContainer<>(image)
                .withEnv("POSTGRES_PASSWORD", password)
                .withExposedPorts(5432)
                // The entrypoint starts Postgres twice: once for the init scripts, then for good.
                .waitingFor(Wait.forLogMessage(".*database system is ready to accept connections.*\\s", 2)
                        .withStartupTimeout(Duration.ofMinutes(10)));
        container.start();
        return new DockerPostgres(container, password);
    }

    @Override
    public String jdbcUrl() {
        return "jdbc:postgresql://" + container.getHost() + ":" + container.getMappedPort(5432) + "/"
                + ChrootPostgres.DATABASE + "?user=postgres&password=" + password;
    }

    @Override
    public String kind() {
        return "docker";
    }

    @Override
    public void close() {
        container.stop();
    }
}
