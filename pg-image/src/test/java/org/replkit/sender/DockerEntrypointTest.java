package org.replkit.sender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The image's entrypoint: a pg_net.database_name the user gives is kept (and the settings check names
 * the database it does not serve), and a configuration reload, which pg_net's tuning needs, logs no
 * warning about listen_addresses given on the command line.
 */
class DockerEntrypointTest {

    @Test
    void aGivenPgNetDatabaseIsKeptAndAReloadLogsNoWarning() throws Exception {
        boolean usable = DockerPostgres.usableOffline();
        if ("1".equals(System.getenv("KIT_REQUIRE_DOCKER"))) {
            assertTrue(usable, "KIT_REQUIRE_DOCKER=1 but no usable Docker engine");
        }
        assumeTrue(usable, "no Docker engine with the sender's base image here");
        String image = DockerImage.ensureBuilt();
        String password = UUID.randomUUID().toString();
        int port = Sh.freePort();
        String id = DockerCli.run("run", "-d", "--network", "host", "-e", "POSTGRES_PASSWORD=" + password, image,
                "postgres", "-c", "port=" + port, "-c", "listen_addresses=127.0.0.1", "-c", "pg_net.database_name=postgres").trim();
        try {
            String url = "jdbc:postgresql://127.0.0.1:" + port + "/centralcloud?user=postgres&password=" + password;
            try (Connection c = awaitConnection(url); Statement st = c.createStatement()) {
                assertEquals("postgres", text(st, "SHOW pg_net.database_name"), "the user's setting is kept");
                st.execute("SELECT pg_reload_conf()");
                Thread.sleep(1500);
            }
            String logs = DockerCli.run(1, "logs", id);
            assertTrue(logs.contains("reloading configuration files"), logs);
            assertFalse(logs.contains("cannot be changed without restarting"), logs);
            IllegalStateException refused = assertThrows(IllegalStateException.class, () -> SenderDatabase.connect(url).close());
            assertTrue(refused.getMessage().contains("pg_net.database_name is 'postgres'"), refused.getMessage());
        } finally {
            DockerCliPostgres.remove(id);
        }
    }

    private static Connection awaitConnection(String url) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            try {
                return DriverManager.getConnection(url + "&connectTimeout=2");
            } catch (SQLException e) {
                last = e;
                Thread.sleep(300);
            }
        }
        throw new IllegalStateException("the container did not accept connections", last);
    }

    private static String text(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
