package org.replkit.sender;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The sender database as a container of the sender image ({@link DockerImage}: pg_cron, and pg_net or
 * the stand-in), run by Testcontainers' {@link PostgreSQLContainer}. Stopped by {@link #close()}, or
 * with the JVM ({@link SenderDatabase}'s shutdown hook).
 *
 * <p>The container shares the host's network (the engine runs without a bridge, so no traffic leaves
 * loopback) and listens on a free 127.0.0.1 port of its own; Testcontainers' port mapping does not
 * apply there, so the JDBC URL names that port directly. Testcontainers needs
 * {@code TESTCONTAINERS_RYUK_DISABLED=true} where its reaper image cannot be pulled, and, inside a
 * container, {@code TESTCONTAINERS_HOST_OVERRIDE=127.0.0.1}: it otherwise asks for the engine's bridge
 * network, which an engine started with --bridge=none lacks.
 */
final class DockerPostgres implements DockerServer {

    private final SenderContainer container;

    private DockerPostgres(SenderContainer container) {
        this.container = container;
    }

    /** True when an engine answers the docker command and Testcontainers' socket is there. */
    static boolean available() {
        boolean socket = Files.exists(Path.of("/var/run/docker.sock"));
        String dockerHost = System.getenv("DOCKER_HOST");
        return (socket || (dockerHost != null && !dockerHost.isBlank())) && DockerCli.engineAnswers();
    }

    /** True when a container could be started without a registry: engine, base image, Testcontainers set up. */
    static boolean usableOffline() {
        return available() && testcontainersProblem() == null && DockerImage.baseAvailable();
    }

    /** What keeps Testcontainers from working with an engine that has no registry and no bridge, or null. */
    static String testcontainersProblem() {
        if (!"true".equalsIgnoreCase(System.getenv("TESTCONTAINERS_RYUK_DISABLED"))) {
            return "Testcontainers would pull its reaper image, which no registry serves here: "
                    + "set TESTCONTAINERS_RYUK_DISABLED=true (the kit stops its containers itself)";
        }
        boolean insideAContainer = Files.exists(Path.of("/.dockerenv"));
        String hostOverride = System.getenv("TESTCONTAINERS_HOST_OVERRIDE");
        if (insideAContainer && (hostOverride == null || hostOverride.isBlank())) {
            return "Testcontainers would look for the engine's bridge network, which this engine has not: "
                    + "set TESTCONTAINERS_HOST_OVERRIDE=127.0.0.1 (the containers share the host's network)";
        }
        return null;
    }

    static DockerPostgres start() {
        String problem = testcontainersProblem();
        if (problem != null) {
            throw new IllegalStateException(problem);
        }
        String image = DockerImage.ensureBuilt();
        IllegalStateException last = null;
        for (int attempt = 1; attempt <= 3; attempt++) {
            SenderContainer container = new SenderContainer(image, Sh.freePort());
            try {
                container.start();
                return new DockerPostgres(container);
            } catch (RuntimeException e) {
                String logs = container.isCreated() ? container.getLogs() : "";
                container.stop();
                last = new IllegalStateException("the sender container did not start: " + e.getMessage()
                        + (logs.isBlank() ? "" : "\n" + Sh.tail(logs, 15)), e);
                if (!logs.contains("could not bind") && !logs.contains("Address already in use")) {
                    break; // only a port taken between the probe and the bind is worth another try
                }
            }
        }
        throw last;
    }

    @Override
    public String jdbcUrl() {
        return container.getJdbcUrl() + "?user=" + container.getUsername() + "&password=" + container.getPassword();
    }

    @Override
    public String serverLog() {
        return container.getLogs();
    }

    @Override
    public String containerId() {
        return container.getContainerId();
    }

    @Override
    public void close() {
        container.stop();
    }

    /** PostgreSQLContainer on the host's network, listening on its own loopback port. */
    static final class SenderContainer extends PostgreSQLContainer {

        private final int port;

        SenderContainer(String image, int port) {
            super(DockerImageName.parse(image).asCompatibleSubstituteFor(PostgreSQLContainer.IMAGE));
            this.port = port;
            withDatabaseName(ChrootPostgres.DATABASE);
            withUsername("postgres");
            withPassword(UUID.randomUUID().toString());
            withNetworkMode("host");
            withCommand("postgres", "-c", "port=" + port, "-c", "listen_addresses=127.0.0.1",
                    // A throwaway test database: durability traded for speed, as on the chroot path.
                    "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off");
            withStartupTimeoutSeconds(180);
        }

        /** No port mapping on the host's network: nothing to expose, nothing for Testcontainers to wait for. */
        @Override
        protected void configure() {
            super.configure();
            setExposedPorts(List.of());
        }

        @Override
        protected Set<Integer> getLivenessCheckPorts() {
            return Set.of(port);
        }

        @Override
        public String getJdbcUrl() {
            return "jdbc:postgresql://127.0.0.1:" + port + "/" + getDatabaseName();
        }
    }
}
