package org.replkit.sender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Docker-less server leaves nothing behind: no process, no mount, no data folder, whatever way it ends. */
class ChrootPostgresTest {

    @Test
    void closingStopsPostgresAndRemovesItsFolderAndMounts() throws Exception {
        ChrootPostgres server = ChrootPostgres.start(false);
        Path dir = server.hostDir();
        long pid = server.supervisorPid();
        try (Connection c = DriverManager.getConnection(server.jdbcUrl())) {
            assertTrue(c.isValid(2));
        }
        assertTrue(Files.isDirectory(dir));
        assertFalse(hostMounts().contains(DebianRootFs.key()), "mounts stay inside the server's own namespace");

        server.close();
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        assertFalse(Files.exists(dir));
        assertFalse(accepts(server.jdbcUrl()));
    }

    @Test
    void whenTheProcessThatStartedItDiesItStopsByItself() throws Exception {
        Process stand_in_for_a_jvm = new ProcessBuilder("sleep", "600").start();
        ChrootPostgres server = ChrootPostgres.start(Long.toString(stand_in_for_a_jvm.pid()), false, "");
        Path dir = server.hostDir();
        try {
            assertTrue(accepts(server.jdbcUrl()));
            stand_in_for_a_jvm.destroyForcibly().waitFor();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (Files.exists(dir) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertFalse(Files.exists(dir), "the data folder is removed");
            assertFalse(accepts(server.jdbcUrl()), "Postgres is stopped");
        } finally {
            server.close();
        }
    }

    @Test
    void kitSenderUpPrintsAUrlStatusReadsItAndDownStopsIt(@TempDir Path tmp) throws Exception {
        Path state = tmp.resolve("sender.properties");
        SenderCli.Result up = SenderCli.run("--state-file", state.toString(), "up", "--backend", "debootstrap");
        assertEquals(0, up.exit(), up.err());
        String url = up.out().lines().filter(l -> l.startsWith("jdbc:postgresql://127.0.0.1:")).findFirst().orElseThrow();
        try {
            assertTrue(accepts(url));
            SenderCli.Result again = SenderCli.run("--state-file", state.toString(), "up", "--backend", "debootstrap");
            assertEquals(2, again.exit(), "a second up cannot run while one is up");
            assertTrue(again.err().contains("already up"));

            SenderCli.Result status = SenderCli.run("--state-file", state.toString(), "status");
            assertEquals(0, status.exit(), status.err());
            assertTrue(status.out().contains("\"pending\": 0"), status.out());
            assertTrue(status.out().contains("\"cadence_seconds\": 5"), status.out());
        } finally {
            SenderCli.Result down = SenderCli.run("--state-file", state.toString(), "down");
            assertEquals(0, down.exit(), down.err());
        }
        assertFalse(accepts(url));
        assertFalse(Files.exists(state));
        assertEquals(2, SenderCli.run("--state-file", state.toString(), "status").exit(), "nothing is up any more");
    }

    /** A record left by a crash or a reboot: its pid now belongs to another process, here this JVM. */
    @Test
    void downNeverStopsAnUnrelatedProcessThatInheritedTheRememberedPid(@TempDir Path tmp) {
        Path state = tmp.resolve("sender.properties");
        String pid = Long.toString(ProcessHandle.current().pid());
        new SenderState("debootstrap", "jdbc:postgresql://127.0.0.1:9/centralcloud?user=postgres", pid).write(state);
        SenderCli.Result down = SenderCli.run("--state-file", state.toString(), "down");
        assertEquals(0, down.exit(), down.err());
        assertTrue(down.out().contains("removed the record"), down.out());
        assertFalse(Files.exists(state));
        assertTrue(ProcessHandle.current().isAlive());
    }


    private static boolean accepts(String url) {
        try (Connection c = DriverManager.getConnection(url + (url.contains("?") ? "&" : "?") + "connectTimeout=2")) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    private static String hostMounts() throws Exception {
        return Files.readString(Path.of("/proc/self/mounts"));
    }
}
