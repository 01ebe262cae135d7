package org.replkit.conformance.senderverify;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.replkit.conformance.model.ConformanceResult;
import org.replkit.conformance.report.ReportWriter;
import org.replkit.conformance.report.ResultSummary;
import org.replkit.conformance.run.ProgressPrinter;
import org.replkit.conformance.report.ReportDirOption;
import org.replkit.spec.KitCommand;
import org.replkit.conformance.run.ProfileOption;
import org.replkit.spec.CouldNotRun;
import org.replkit.spec.ExitCode;
import org.replkit.spec.Profile;
import org.replkit.spec.WebhookSignature;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import org.replkit.conformance.model.Text;

/** {@code kit verify-sender}: judges any sender, black-box, by what reaches the kit's scripted receivers. */
@Command(name = "verify-sender", mixinStandardHelpOptions = true, exitCodeOnExecutionException = 2,
        description = {
            "Check a sender against the replication contract (SND-*), black-box.",
            "The kit starts scripted receivers on loopback, registers them with the sender,",
            "commits rows into approved_patterns and execution_metrics over JDBC and judges",
            "what arrives: headers, cadence, timeout, retries, order, delivery, and with a",
            "signing secret the signatures. --profile strict adds the outage scenarios",
            "(pause and resume, Retry-After, 410, coalescing). Where the sender has the",
            "replication schema, also its audit trail and counters.",
            "Reports go to DIR: conformance.json, junit.xml, index.html, badge.svg,",
            "shields.json (badge label 'sender spec')."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {
            ExitCode.PASSED_LINE + "no requirement the profile counts failed, and at least one was judged",
            ExitCode.FAILED_LINE + "a requirement the profile counts failed",
            ExitCode.COULD_NOT_RUN_LINE + "usage error, a sender that cannot be reached or registered, or nothing could be judged"})
public final class SenderVerifyCommand extends KitCommand {

    /** As for kit verify: the sender database, when --sender-db-url is not given. */
    public static final String SENDER_DB_ENV = "KIT_SENDER_DB_URL";

    @Option(names = "--sender-db-url", paramLabel = "JDBC",
            description = "The sender's database, e.g. jdbc:postgresql://127.0.0.1:5433/kit?user=kit&password=... (default: $KIT_SENDER_DB_URL).")
    String senderDbUrl;

    @Option(names = "--register-sql", paramLabel = "SQL",
            description = "SQL that registers a receiver, with {url} and {table} filled in (default: SELECT replication.register_instance(...)).")
    String registerSql;

    @Option(names = "--register-cmd", paramLabel = "CMD",
            description = "A shell command that registers a receiver, with {url} and {table} filled in.")
    String registerCmd;

    @Option(names = "--write-sql", paramLabel = "KEY=SQL",
            description = "Your own statement for KEY (patterns-insert, patterns-update, metrics-insert, metrics-update), "
                    + "with {id} and {version}; the version must land in frequency / jobs_completed. Repeatable.")
    List<String> writeSql;

    @Option(names = "--restart-cmd", paramLabel = "CMD",
            description = "A shell command that restarts the sender (crash with requests in flight, SND-CRASH-01); without it that is inapplicable.")
    String restartCmd;

    /** As for kit verify and chaos: the Standard Webhooks secret, when --signing-secret is not given. */
    public static final String SIGNING_SECRET_ENV = "KIT_SIGNING_SECRET";

    @Option(names = "--signing-secret", paramLabel = "whsec_...",
            description = "The Standard Webhooks secret the sender signs with: the kit's register_instance gets it, and every "
                    + "delivery's signature is checked (SND-SIG-01; default: $KIT_SIGNING_SECRET, which keeps it off the command line).")
    String signingSecret;

    @Option(names = "--timing", paramLabel = "spec|fast", defaultValue = "spec",
            description = "spec: every 5 s, 5 s timeout, retries after 5, 10, 20 s (default); fast: every 1 s, 1 s timeout, retries after 1, 2, 4 s.")
    String timing;

    @Mixin
    ProfileOption profile = new ProfileOption();

    @Mixin
    ReportDirOption reports = new ReportDirOption();

    private final Function<String, String> env;

    public SenderVerifyCommand() {
        this(System.out, System.err, System::getenv);
    }

    public SenderVerifyCommand(PrintStream out, PrintStream err, Function<String, String> env) {
        super("kit verify-sender", out, err);
        this.env = env;
    }

    @Override
    protected int run() {
        Profile chosen = profile.profile();
        ExpectedTiming expected;
        Registration registration;
        SenderTableWriter writer;
        try {
            expected = ExpectedTiming.parse(timing);
            registration = Registration.of(blankToNull(registerSql), blankToNull(registerCmd));
            String secret;
            try {
                secret = WebhookSignature.checkedOrNull(blankToNull(signingSecret) != null ? signingSecret : env.apply(SIGNING_SECRET_ENV));
            } catch (IllegalArgumentException e) {
                throw new CouldNotRun("--signing-secret: " + e.getMessage());
            }
            if (secret != null) {
                registration = registration.signingWith(secret);
            }
            writer = writeSql == null ? SenderTableWriter.defaults() : SenderTableWriter.with(writeSql);
        } catch (IllegalArgumentException e) {
            throw new CouldNotRun(e.getMessage());
        }
        String url = blankToNull(senderDbUrl) != null ? blankToNull(senderDbUrl) : blankToNull(env.apply(SENDER_DB_ENV));
        if (url == null) {
            throw new CouldNotRun("give --sender-db-url JDBC (or set " + SENDER_DB_ENV + ")");
        }
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new CouldNotRun("--sender-db-url must be a jdbc:postgresql: URL");
        }
        Path dir = reports.orUnderKitHome("sender-conformance");
        SenderVerification verification = new SenderVerification(url, registration, writer, blankToNull(restartCmd), chosen, expected);
        ConformanceResult result;
        try {
            result = verification.run(targets -> {
                out.println("kit verify-sender: profile " + chosen.label() + ", timing " + expected.describe());
                targets.forEach((k, v) -> out.printf("  %-18s %s%n", k, v));
                out.println();
            }, new ProgressPrinter(out));
        } catch (SenderVerification.CannotRun e) {
            throw new CouldNotRun(e.getMessage());
        }
        List<Path> files = ReportWriter.write(dir, result, null);
        summary(result, dir, files);
        return result.exitCode();
    }

    private void summary(ConformanceResult result, Path dir, List<Path> files) {
        out.println();
        ResultSummary.tallies(out, result);
        result.verdicts().stream().filter(v -> !v.outcome().judged())
                .forEach(v -> out.println("  " + v.name() + " " + v.outcome().label() + ": " + Text.firstLine(v.reason())));
        ResultSummary.verdict(out, result);
        ResultSummary.reports(out, dir, files);
        if (result.exitCode() == 2) {
            err.println("kit verify-sender: nothing the " + result.profile().label() + " profile counts could be judged");
        }
    }
}
