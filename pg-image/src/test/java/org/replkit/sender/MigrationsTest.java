package org.replkit.sender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Flyway migrations: released versioned files never change, an older kit's database is upgraded (or
 * refused with a message naming what differs), and a database whose applied files differ from the
 * kit's is refused.
 */
class MigrationsTest {

    /** Released V files and their SHA-256; a new V file is added here when it is released. */
    private static final Path RELEASED = Path.of("src/test/resources/released-migrations.sha256");

    @Test
    void releasedVersionedFilesAreNeverEditedAndEveryOneIsListed() throws Exception {
        Map<String, String> listed = new TreeMap<>();
        for (String line : Files.readAllLines(RELEASED)) {
            if (!line.isBlank()) {
                listed.put(line.substring(66).trim(), line.substring(0, 64));
            }
        }
        Map<String, String> actual = new TreeMap<>();
        for (String folder : List.of("sql", "pgnet-compat")) {
            try (Stream<Path> files = Files.list(Path.of(folder))) {
                for (Path f : files.filter(p -> p.getFileName().toString().startsWith("V")).toList()) {
                    actual.put(folder + "/" + f.getFileName(), sha256(Files.readAllBytes(f)));
                }
            }
        }
        for (Map.Entry<String, String> e : listed.entrySet()) {
            assertEquals(e.getValue(), actual.get(e.getKey()), e.getKey() + " was released and must never change "
                    + "(a database that applied it would be refused): add a new V<n>__ file instead");
        }
        assertEquals(listed.keySet(), actual.keySet(), "every V file is listed in " + RELEASED);
    }

    /**
     * A database made by the kit before Flyway (files 0001..0005 recorded by the old runner, the old
     * dispatch() and no COMMENTs): first refused while a V1 column is missing, then upgraded in place,
     * data kept, and it delivers; then refused once an applied file's checksum differs.
     */
    @Test
    void anOlderKitsDatabaseIsUpgradedOrRefusedWithAClearMessage() throws Exception {
        try (ChrootPostgres server = ChrootPostgres.start(false);
             RecordingReceiver receiver = new RecordingReceiver()) {
            String url = server.jdbcUrl();
            try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
                st.execute("CREATE EXTENSION pg_cron");
                st.execute(oldKitFile("pgnet-compat.sql"));
                for (String name : Migrations.OLD_KIT_FILES) {
                    st.execute(oldKitFile(name));
                    st.execute("INSERT INTO replication.schema_migrations (name) VALUES ('" + name + "')");
                }
                st.execute("SELECT replication.configure(enabled => false)");
                st.execute("SELECT replication.register_instance('old', '" + receiver.url("/sync/patterns")
                        + "', 'approved_patterns')");
                st.execute("INSERT INTO approved_patterns (name, ecosystem, confidence) VALUES ('before', 'elixir', 0.5)");
                st.execute("ALTER TABLE replication.settings DROP COLUMN lost_grace_seconds");
            }

            IllegalStateException refused = assertThrows(IllegalStateException.class, () -> SenderDatabase.connect(url));
            assertTrue(refused.getMessage().contains("made by an older kit")
                    && refused.getMessage().contains("replication.settings.lost_grace_seconds"), refused.getMessage());
            assertFalse(refused.getMessage().contains("\n"), "one line: " + refused.getMessage());

            try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
                st.execute("ALTER TABLE replication.settings ADD COLUMN lost_grace_seconds integer NOT NULL DEFAULT 30");
            }
            try (SenderDatabase db = SenderDatabase.connect(url)) {
                SenderFixture sql = new SenderFixture(db);
                assertEquals(releasedVersions(), sql.text("SELECT string_agg(version, ',' ORDER BY installed_rank) "
                        + "FROM replication.flyway_schema_history WHERE version IS NOT NULL"), "taken over at 1, then every later V file");
                assertTrue(sql.text("SELECT description FROM replication.flyway_schema_history WHERE version = '1'")
                        .contains("older kit"));
                assertEquals(0, sql.count("SELECT count(*) FROM pg_tables WHERE schemaname = 'replication' "
                        + "AND tablename = 'schema_migrations'"));
                assertTrue(sql.text("SELECT obj_description('replication.dispatch(integer, boolean)'::regprocedure)").startsWith("SND-HDR-01"));
                assertEquals(1, sql.count("SELECT count(*) FROM replication.replication_queue"), "data is kept");

                db.setTiming(SenderTiming.FAST);
                sql.execute("SELECT replication.configure(enabled => true)");
                db.awaitSettled(Duration.ofSeconds(30));
                assertEquals("before", new com.fasterxml.jackson.databind.ObjectMapper()
                        .readTree(receiver.await(1, Duration.ofSeconds(5)).get(0).body()).get("name").asText());

                sql.execute("UPDATE replication.flyway_schema_history SET checksum = checksum + 1 WHERE version = '2'");
            }
            IllegalStateException edited = assertThrows(IllegalStateException.class, () -> SenderDatabase.connect(url));
            assertTrue(edited.getMessage().contains("differ from the kit's"), edited.getMessage());
        }
    }

    private static String oldKitFile(String name) throws Exception {
        try (var in = MigrationsTest.class.getResourceAsStream("/old-kit-sql/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    /** The versions of pg-image/sql's V files in order, e.g. "1,2,3,6". */
    private static String releasedVersions() throws java.io.IOException {
        try (Stream<Path> files = Files.list(Path.of("sql"))) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.matches("V\\d+__.*"))
                    .map(n -> Integer.parseInt(n.substring(1, n.indexOf("__")))).sorted()
                    .map(String::valueOf).collect(java.util.stream.Collectors.joining(","));
        }
    }
}
