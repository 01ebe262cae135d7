package org.replkit.sender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same end-to-end scenario on every way to get a sender database: the debootstrap chroot, the
 * Docker image through Testcontainers' PostgreSQLContainer, and the container ./kit sender up starts.
 * Without a usable Docker engine the Docker cases are skipped, unless KIT_REQUIRE_DOCKER=1 (CI sets
 * it), where they fail instead.
 */
class BackendsEndToEndTest {

    @Test
    @Tag("E2E-01")
    void theChrootBackendPassesTheEndToEndScenario() throws Exception {
        try (SenderDatabase db = SenderDatabase.start(SenderDatabase.Backend.DEBOOTSTRAP)) {
            assertEquals("debootstrap", db.kind());
            ReferenceReceiversEndToEndTest.endToEnd(db);
        }
    }

    @Test
    @Tag("E2E-01")
    void theDockerBackendPassesTheEndToEndScenario() throws Exception {
        requireDocker();
        try (SenderDatabase db = SenderDatabase.start(SenderDatabase.Backend.DOCKER)) {
            assertEquals("docker", db.kind());
            ReferenceReceiversEndToEndTest.endToEnd(db);
        }
    }

    @Test
    @Tag("E2E-01")
    void kitSenderUpWithTheDockerBackendPassesTheEndToEndScenario(@TempDir Path tmp) throws Exception {
        requireDocker();
        Path state = tmp.resolve("sender.properties");
        SenderCli.Result up = SenderCli.run("--state-file", state.toString(), "up", "--backend", "docker");
        assertEquals(0, up.exit(), up.err());
        assertTrue(up.out().contains("sender database up (docker)"), up.out());
        String url = up.out().lines().filter(l -> l.startsWith("jdbc:postgresql://127.0.0.1:")).findFirst().orElseThrow();
        try (SenderDatabase db = SenderDatabase.connect(url)) {
            ReferenceReceiversEndToEndTest.endToEnd(db);
            SenderCli.Result status = SenderCli.run("--state-file", state.toString(), "status");
            assertEquals(0, status.exit(), status.err());
            assertTrue(status.out().contains("health:   ok"), status.out());
            assertTrue(!status.out().contains(url.substring(url.indexOf("password=") + 9)), "the password is not printed");
        } finally {
            SenderCli.Result down = SenderCli.run("--state-file", state.toString(), "down");
            assertEquals(0, down.exit(), down.err());
        }
    }

    private static void requireDocker() {
        boolean usable = DockerPostgres.usableOffline();
        if ("1".equals(System.getenv("KIT_REQUIRE_DOCKER"))) {
            assertTrue(usable, "KIT_REQUIRE_DOCKER=1 but no usable Docker engine: engine answers "
                    + DockerPostgres.available() + ", base image " + DockerImage.buildArgs().baseImage()
                    + ", Testcontainers: " + DockerPostgres.testcontainersProblem());
        }
        assumeTrue(usable, "no Docker engine with the sender's base image here");
    }
}
