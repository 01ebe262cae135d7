package org.replkit.sender;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * What {@code ./kit sender up} left running, so that {@code down} and {@code status} find it:
 * a properties file, by default $KIT_HOME/.kit/sender.properties.
 *
 * @param kind     "debootstrap" or "docker"
 * @param jdbcUrl  the database
 * @param handle   the supervisor's pid (debootstrap) or the container id (docker); "-" when the
 *                 database belongs to a foreground {@code up --serve-status}
 */
record SenderState(String kind, String jdbcUrl, String handle) {

    static Path defaultFile() {
        String home = System.getenv("KIT_HOME");
        return Path.of(home == null || home.isBlank() ? "." : home, ".kit", "sender.properties").toAbsolutePath();
    }

    static Optional<SenderState> read(Path file) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Optional.of(new SenderState(p.getProperty("kind"), p.getProperty("jdbcUrl"), p.getProperty("handle")));
    }

    void write(Path file) {
        Properties p = new Properties();
        p.setProperty("kind", kind);
        p.setProperty("jdbcUrl", jdbcUrl);
        p.setProperty("handle", handle);
        try {
            Files.createDirectories(file.getParent());
            try (Writer out = Files.newBufferedWriter(file)) {
                p.store(out, "sender database started by ./kit sender up");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True while the server it names still runs. */
    boolean running() {
        if ("debootstrap".equals(kind) && !"-".equals(handle)) {
            return ChrootPostgres.supervisor(Long.parseLong(handle)).isPresent();
        }
        try (var c = java.sql.DriverManager.getConnection(jdbcUrl)) {
            return true;
        } catch (java.sql.SQLException e) {
            return false;
        }
    }

    static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
