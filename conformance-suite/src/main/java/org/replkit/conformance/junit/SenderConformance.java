package org.replkit.conformance.junit;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.replkit.conformance.model.ConformanceResult;
import org.replkit.conformance.report.ReportWriter;
import org.replkit.conformance.senderverify.ExpectedTiming;
import org.replkit.conformance.senderverify.Registration;
import org.replkit.conformance.senderverify.SenderTableWriter;
import org.replkit.conformance.senderverify.SenderVerification;
import org.replkit.spec.Profile;

/**
 * The sender's twin of {@link ReplicationConformance}: {@code ./kit verify-sender} inside a team's own
 * build, one JUnit 5 dynamic test per sender requirement, named by id, with the same scenarios,
 * outcomes and reports. Typical use, against a sender database the test class starts itself:
 *
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicTest> senderContract() {
 *     return SenderConformance.sender(jdbcUrl)
 *             .registerSql("INSERT INTO acme.webhooks (url, table_name) VALUES ('{url}', '{table}')")
 *             .timing("fast")
 *             .tests();
 * }
 * }</pre>
 *
 * A counted failure fails its test with the reason and the requests as received; cantTell,
 * inapplicable and an uncounted SHOULD abort their test (JUnit reports it as skipped). The reports
 * go to {@code target/sender-conformance/} unless {@link #reportDir(Path)} says otherwise.
 */
public final class SenderConformance {

    private final String jdbcUrl;
    private String registerSql;
    private String registerCmd;
    private final List<String> writeSql = new ArrayList<>();
    private String restartCmd;
    private String signingSecret;
    private Profile profile = Profile.CORE;
    private String timing = "spec";
    private Path reportDir = Paths.get("target", "sender-conformance");

    private SenderConformance(String jdbcUrl) {
        this.jdbcUrl = jdbcUrl;
    }

    /** Starts a description of the sender under test, by its database's JDBC URL. */
    public static SenderConformance sender(String jdbcUrl) {
        return new SenderConformance(jdbcUrl);
    }

    /** SQL that registers a receiver, with {url} and {table}. */
    public SenderConformance registerSql(String sql) {
        this.registerSql = sql;
        return this;
    }

    /** A shell command that registers a receiver, with {url} and {table}. */
    public SenderConformance registerCmd(String cmd) {
        this.registerCmd = cmd;
        return this;
    }

    /** "KEY=SQL" as --write-sql: patterns-insert, patterns-update, metrics-insert, metrics-update. */
    public SenderConformance writeSql(String entry) {
        this.writeSql.add(entry);
        return this;
    }

    /** A shell command that restarts the sender (enables SND-CRASH-01). */
    public SenderConformance restartCmd(String cmd) {
        this.restartCmd = cmd;
        return this;
    }

    /** The Standard Webhooks secret the sender signs with (enables SND-SIG-01; the kit's register_instance gets it). */
    public SenderConformance signingSecret(String secret) {
        this.signingSecret = secret;
        return this;
    }

    public SenderConformance profile(Profile p) {
        this.profile = p;
        return this;
    }

    /** "spec" (default) or "fast". */
    public SenderConformance timing(String t) {
        this.timing = t;
        return this;
    }

    public SenderConformance reportDir(Path dir) {
        this.reportDir = dir;
        return this;
    }

    /** Runs the scenarios once and returns one dynamic test per sender requirement, in catalogue order. */
    public Stream<DynamicTest> tests() {
        return ReplicationConformance.tests(run(), v -> true);
    }

    /** Runs the scenarios once and returns the whole result, reports written. */
    public ConformanceResult run() {
        Registration registration = Registration.of(registerSql, registerCmd);
        if (signingSecret != null && !signingSecret.isBlank()) {
            registration = registration.signingWith(signingSecret);
        }
        SenderVerification verification = new SenderVerification(jdbcUrl, registration,
                writeSql.isEmpty() ? SenderTableWriter.defaults() : SenderTableWriter.with(writeSql), restartCmd, profile,
                ExpectedTiming.parse(timing));
        ConformanceResult result;
        try {
            result = verification.run(targets -> { }, outcome -> { });
        } catch (SenderVerification.CannotRun e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        ReportWriter.write(reportDir, result, null);
        return result;
    }
}
