package org.replkit.sender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * A crash-stop ({@code pg_ctl stop -m immediate}) and a restart on the same data folder, as the chaos
 * run's nemesis does to the sender: committed rows survive, unlogged tables (pg_net's queue and
 * responses) come back empty, and nothing is left behind afterwards.
 */
class CrashRestartTest {

    @Test
    void committedRowsSurviveAnImmediateStopAndUnloggedTablesComeBackEmpty() throws Exception {
        ChrootPostgres server = ChrootPostgres.start(false);
        Path dir = server.hostDir();
        try {
            assertTrue(server.canCrashAndRestart());
            try (Connection c = DriverManager.getConnection(server.jdbcUrl()); Statement st = c.createStatement()) {
                st.execute("SET synchronous_commit = on"); // the test server runs with it off
                st.execute("CREATE TABLE kept (v int)");
                st.execute("CREATE UNLOGGED TABLE scratch (id bigserial, v int)");
                st.execute("INSERT INTO kept VALUES (1), (2)");
                st.execute("INSERT INTO scratch (v) VALUES (1), (2), (3)");
            }
            server.stopImmediately();
            assertFalse(accepts(server.jdbcUrl()), "stopped");
            assertTrue(Files.isDirectory(dir.resolve("data")), "the data folder is kept for the restart");

            server.startAgain();
            try (Connection c = DriverManager.getConnection(server.jdbcUrl()); Statement st = c.createStatement()) {
                assertEquals(2, count(st, "SELECT count(*) FROM kept"));
                assertEquals(0, count(st, "SELECT count(*) FROM scratch"), "crash recovery empties unlogged tables");
                assertEquals(1, count(st, "INSERT INTO scratch (v) VALUES (9) RETURNING id"),
                        "and restarts their sequences: request ids are reused after a crash");
            }
            assertTrue(Files.readString(dir.resolve("postgres.log")).contains("not properly shut down"),
                    "the restart ran crash recovery");
        } finally {
            server.close();
        }
        assertFalse(Files.exists(dir), "closing removes the folder");
    }

    /** The same on the Docker backend: the container's postmaster killed with SIGKILL, the container started again. */
    @Test
    void onDockerTheContainersPostmasterIsKilledAndStartedAgainOnTheSameData() throws Exception {
        boolean usable = DockerPostgres.available() && DockerImage.baseAvailable();
        if ("1".equals(System.getenv("KIT_REQUIRE_DOCKER"))) {
            assertTrue(usable, "KIT_REQUIRE_DOCKER=1 but no Docker engine with the sender's base image");
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(usable, "no Docker engine with the sender's base image here");
        DockerCliPostgres server = DockerCliPostgres.start();
        try {
            assertTrue(server.canCrashAndRestart());
            try (Connection c = DriverManager.getConnection(server.jdbcUrl()); Statement st = c.createStatement()) {
                st.execute("CREATE TABLE kept (v int)");
                st.execute("CREATE UNLOGGED TABLE scratch (id bigserial, v int)");
                st.execute("INSERT INTO kept VALUES (1), (2)");
                st.execute("INSERT INTO scratch (v) VALUES (1), (2), (3)");
            }
            server.stopImmediately();
            assertFalse(accepts(server.jdbcUrl()), "stopped");
            server.startAgain();
            try (Connection c = DriverManager.getConnection(server.jdbcUrl()); Statement st = c.createStatement()) {
                assertEquals(2, count(st, "SELECT count(*) FROM kept"));
                assertEquals(0, count(st, "SELECT count(*) FROM scratch"), "crash recovery empties unlogged tables");
                assertEquals(1, count(st, "INSERT INTO scratch (v) VALUES (9) RETURNING id"));
            }
            assertTrue(DockerCli.run(1, "logs", server.containerId()).contains("not properly shut down"),
                    "the restart ran crash recovery");
        } finally {
            server.close();
        }
    }

    @Test
    void aServerCrashStoppedAndNeverRestartedLeavesNothingBehind() {
        ChrootPostgres server = ChrootPostgres.start(false);
        Path dir = server.hostDir();
        server.stopImmediately();
        server.close();
        assertFalse(Files.exists(dir));
        assertThrows(IllegalStateException.class, server::startAgain);
    }

    private static long count(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static boolean accepts(String url) {
        try (Connection c = DriverManager.getConnection(url)) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }
}
