package org.replkit.conformance.senderverify;

import java.io.IOException;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.replkit.conformance.model.CheckOutcome;
import org.replkit.conformance.model.ConformanceResult;
import org.replkit.conformance.report.Badge;
import org.replkit.spec.Profile;
import org.replkit.spec.SyncTable;
import org.replkit.conformance.model.Text;

/**
 * One kit verify-sender run, for the command and the JUnit 5 entry point alike: reaches the sender,
 * starts the scripted receivers, registers them, runs every scenario and takes the registration
 * back. Reports are the caller's to write.
 *
 * @param restartCommand the shell command that restarts the sender, or null
 */
public record SenderVerification(String jdbcUrl, Registration registration, SenderTableWriter writer, String restartCommand,
                                 Profile profile, ExpectedTiming timing) {

    /** Why a run could not start (the sender cannot be reached or registered): one line, for the user. */
    public static final class CannotRun extends Exception {
        public CannotRun(String message) {
            super(message);
        }
    }

    /**
     * @param describe receives the run's targets before the scenarios start (for the terminal)
     * @param progress receives each scenario's outcome as it ends
     */
    public ConformanceResult run(Consumer<Map<String, String>> describe, Consumer<CheckOutcome> progress) throws CannotRun {
        return run(SenderScenarios.all(), describe, progress);
    }

    /** As above, with only these scenarios (the self-test runs one scenario against a sender timed for it). */
    ConformanceResult run(java.util.List<SenderScenario> scenarios, Consumer<Map<String, String>> describe,
                          Consumer<CheckOutcome> progress) throws CannotRun {
        SenderUnderTest sender = new SenderUnderTest(jdbcUrl);
        boolean replicationSchema;
        try {
            sender.ping();
            replicationSchema = sender.hasReplicationSchema();
        } catch (SQLException e) {
            throw new CannotRun("cannot reach the sender database " + sender.describe() + ": " + Text.firstLine(e.getMessage()));
        }
        try (ScriptedReceiver patterns = new ScriptedReceiver(SyncTable.PATTERNS);
             ScriptedReceiver metrics = new ScriptedReceiver(SyncTable.METRICS);
             ConnectionWatch watch = new ConnectionWatch(patterns.port())) {
            patterns.registeredAs(watch.through(patterns.url()));
            try {
                registration.register(sender, SyncTable.PATTERNS, patterns.registeredUrl());
                registration.register(sender, SyncTable.METRICS, metrics.registeredUrl());
            } catch (SQLException | IllegalStateException e) {
                registration.undo(sender);
                throw new CannotRun("cannot register the kit's receivers with " + registration.describe() + ": "
                        + Text.firstLine(e.getMessage()));
            }
            ScenarioContext context = null;
            try {
                context = new ScenarioContext(sender, writer, patterns, metrics, watch, timing,
                        restartCommand, replicationSchema, registration);
                Map<String, String> targets = targets(sender, patterns, metrics, replicationSchema);
                describe.accept(targets);
                return SenderRun.run(scenarios, context, profile, targets, progress);
            } finally {
                registration.undo(sender);
                if (context != null) {
                    context.closeOwnReceivers();
                }
            }
        } catch (IOException e) {
            throw new CannotRun("cannot start the scripted receivers: " + e.getMessage());
        }
    }

    private Map<String, String> targets(SenderUnderTest sender, ScriptedReceiver patterns, ScriptedReceiver metrics,
                                        boolean replicationSchema) {
        Map<String, String> t = new LinkedHashMap<>();
        t.put(Badge.SENDER_TARGET, sender.describe());
        t.put("registration", registration.describe());
        t.put("timing", timing.name());
        t.put("patterns", patterns.registeredUrl() + " (scripted, started for this run)");
        t.put("metrics", metrics.registeredUrl() + " (scripted, started for this run)");
        t.put("replication schema", replicationSchema ? "present: SND-AUDIT-01 and SND-STAT-01 judged"
                : "absent: SND-AUDIT-01 and SND-STAT-01 inapplicable");
        t.put("restart", restartCommand == null ? "(none): SND-CRASH-01 inapplicable" : "--restart-cmd given");
        t.put("signing-secret", registration.signature().isPresent() ? "given: SND-SIG-01 judged" : "(none): SND-SIG-01 inapplicable");
        t.put("outage scenarios", profile.counts(org.replkit.spec.Level.SHOULD)
                ? "run (strict): SND-PAUSE-01, SND-RETRYAFTER-01, SND-GONE-01, SND-COALESCE-01, each on a receiver of its own"
                : "inapplicable under core (SHOULD ids; --profile strict runs them)");
        return t;
    }

}
