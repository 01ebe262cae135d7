package org.replkit.sender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/migration-guard.sh reads git history: a released V file edited later fails it even when the
 * same commit rewrote its checksum line, and so does a checksum line that was dropped. Each case
 * runs the real script on a throwaway repository.
 */
class MigrationGuardTest {

    static final Path GUARD = Path.of("bin/migration-guard.sh").toAbsolutePath();
    static final String SUMS = "pg-image/src/test/resources/released-migrations.sha256";

    @TempDir
    Path repo;

    @BeforeEach
    void aRepositoryWithOneReleasedMigration() throws Exception {
        write("pg-image/bin/migration-guard.sh", Files.readString(GUARD));
        write("pg-image/sql/V1__tables.sql", "CREATE TABLE t (id int);\n");
        write(SUMS, "aaaa  sql/V1__tables.sql\n");
        git("init", "-q");
        commit("release V1");
    }

    @Test
    void unchangedReleasesPass() throws Exception {
        write("pg-image/sql/V2__more.sql", "ALTER TABLE t ADD COLUMN x int;\n");
        write(SUMS, "aaaa  sql/V1__tables.sql\nbbbb  sql/V2__more.sql\n");
        commit("release V2");
        assertEquals(0, guard().exit, guard().output);
    }

    @Test
    void anEditedReleaseFailsEvenWithItsChecksumRewritten() throws Exception {
        write("pg-image/sql/V1__tables.sql", "CREATE TABLE t (id bigint);\n");
        write(SUMS, "cccc  sql/V1__tables.sql\n");
        commit("edit V1 in place");
        Run run = guard();
        assertEquals(1, run.exit, run.output);
        assertTrue(run.output.contains("pg-image/sql/V1__tables.sql differs from its release"), run.output);
        assertTrue(run.output.contains("lost or changed a released line"), run.output);
    }

    @Test
    void anUncommittedEditFailsToo() throws Exception {
        write("pg-image/sql/V1__tables.sql", "CREATE TABLE t (id text);\n");
        assertEquals(1, guard().exit);
    }

    private record Run(int exit, String output) {
    }

    private Run guard() throws Exception {
        Process p = new ProcessBuilder("bash", "pg-image/bin/migration-guard.sh", repo.toString())
                .directory(repo.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return new Run(p.exitValue(), out);
    }

    private void write(String path, String text) throws IOException {
        Path f = repo.resolve(path);
        Files.createDirectories(f.getParent());
        Files.writeString(f, text);
    }

    private void commit(String message) throws Exception {
        git("add", "-A");
        git("-c", "user.name=kit", "-c", "user.email=kit@localhost", "commit", "-qm", message);
    }

    private void git(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(repo.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
    }
}
