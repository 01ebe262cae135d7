package org.replkit.conformance.senderverify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
    private final String signingSecret;
    private final List<String> registered = new ArrayList<>();

    private Registration(String sql, String command, String signingSecret) {
        this.sql = sql;
        this.command = command;
        this.signingSecret = signingSecret;
    }

    public static Registration of(String sql, String command) {
        if (sql != null && command != null) {
            throw new IllegalArgumentException("give --register-sql or --register-cmd, not both");
        }
        return new Registration(sql, command, null);
    }

    /**
     * The same registration, giving the kit's own register_instance this Standard Webhooks secret
     * (SND-SIG-01). The user's SQL or command registers with the secret on its own: the kit never
     * writes the secret into a statement or a command line.
     */
    public Registration signingWith(String secret) {
        return new Registration(sql, command, secret);
    }

    /** The signing secret's verifier, when the run has one (SND-SIG-01); the secret itself stays here. */
    public Optional<org.replkit.spec.WebhookSignature> signature() {
        return signingSecret == null ? Optional.empty() : Optional.of(org.replkit.spec.WebhookSignature.fromSecret(signingSecret));
    }

    /** For the report. */
    public String describe() {
        return sql != null ? "--register-sql" : command != null ? "--register-cmd" : "replication.register_instance";
    }

    /**
     * Registers the receiver at {@code url} for the table.
     *
     * @return the instance id the kit's own register_instance gave, or empty for the user's SQL or command
     * @throws IllegalStateException with a one-line reason
     */
    public Optional<String> register(SenderUnderTest sender, SyncTable table, String url) throws SQLException {
        if (sql != null) {
            sender.commit(fill(sql, table, url));
            return Optional.empty();
        } else if (command != null) {
            run(fill(command, table, url));
            return Optional.empty();
        }
        String name = "kit-verify-sender-" + table.key() + "-" + UUID.randomUUID().toString().substring(0, 8);
        String id = signingSecret == null
                ? sender.text("SELECT replication.register_instance(?, ?, ?)::text", name, url, table.tableName())
                : sender.text("SELECT replication.register_instance(?, ?, ?, signing_secret => ?)::text", name, url,
                        table.tableName(), signingSecret);
        synchronized (registered) {
            registered.add(id);
        }
        return Optional.of(id);
    }

    /** Takes the kit's instances out again (only those the default registration made). */
    public void undo(SenderUnderTest sender) {
        for (String id : List.copyOf(registered)) {
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
