package org.replkit.conformance.senderverify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.replkit.spec.SyncTable;

/**
 * How the kit's receivers are registered with the sender: the kit's own
 * {@code replication.register_instance} (undone at the end with {@code deactivate_instance}), or the
 * user's SQL or shell command with {@code {url}} and {@code {table}} filled in.
 */
public final class Registration {

    private static final Duration COMMAND_LIMIT = Duration.ofSeconds(60);

    private final String sql;
    private final String command;
    private final List<String> registered = new ArrayList<>();

    private Registration(String sql, String command) {
        this.sql = sql;
        this.command = command;
    }

    public static Registration of(String sql, String command) {
        if (sql != null && command != null) {
            throw new IllegalArgumentException("give --register-sql or --register-cmd, not both");
        }
        return new Registration(sql, command);
    }

    /** For the report. */
    public String describe() {
        return sql != null ? "--register-sql" : command != null ? "--register-cmd" : "replication.register_instance";
    }

    /** Registers the receiver at {@code url} for the table. @throws IllegalStateException with a one-line reason */
    public void register(SenderUnderTest sender, SyncTable table, String url) throws SQLException {
        if (sql != null) {
            sender.commit(fill(sql, table, url));
        } else if (command != null) {
            run(fill(command, table, url));
        } else {
            String id = sender.text("SELECT replication.register_instance(?, ?, ?)::text",
                    "kit-verify-sender-" + table.key() + "-" + UUID.randomUUID().toString().substring(0, 8), url, table.tableName());
            registered.add(id);
        }
    }

    /** Takes the kit's instances out again (only those the default registration made). */
    public void undo(SenderUnderTest sender) {
        for (String id : registered) {
            try {
                sender.text("SELECT replication.deactivate_instance(?::uuid)::text", id);
            } catch (SQLException e) {
                // Best effort: the instance points at a closed port and fails its items.
            }
        }
    }

    private static String fill(String template, SyncTable table, String url) {
        return template.replace("{url}", url).replace("{table}", table.tableName());
    }

    private static void run(String line) {
        try {
            Process p = new ProcessBuilder("sh", "-c", line).redirectErrorStream(true).start();
            if (!p.waitFor(COMMAND_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("--register-cmd did not end within " + COMMAND_LIMIT.toSeconds() + " s");
            }
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (p.exitValue() != 0) {
                throw new IllegalStateException("--register-cmd exited " + p.exitValue()
                        + (output.isEmpty() ? "" : ": " + output.lines().findFirst().orElse("")));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run --register-cmd: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while registering", e);
        }
    }
}
