package org.replkit.conformance;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.replkit.conformance.model.Baseline;
import org.replkit.conformance.model.ConformanceResult;
import org.replkit.conformance.model.Targets;
import org.replkit.conformance.report.ReportDirOption;
import org.replkit.conformance.report.ReportWriter;
import org.replkit.conformance.report.ResultSummary;
import org.replkit.conformance.run.ConformanceRunner;
import org.replkit.conformance.run.Durations;
import org.replkit.spec.KitCommand;
import org.replkit.conformance.run.Preflight;
import org.replkit.conformance.run.ProfileOption;
import org.replkit.conformance.run.ProgressPrinter;
import org.replkit.conformance.run.ReceiverUrlOptions;
import org.replkit.conformance.model.RunSettings;
import org.replkit.conformance.sender.SenderDatabaseLink;
import org.replkit.receivers.ReceiverOptions;
import org.replkit.receivers.ReceiverServer;
import org.replkit.receivers.status.StatusServer;
import org.replkit.sender.SenderDatabase;
import org.replkit.spec.CouldNotRun;
import org.replkit.spec.ExitCode;
import org.replkit.spec.Profile;
import org.replkit.spec.WebhookSignature;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import org.replkit.conformance.model.Text;

/** {@code kit verify}: a verdict per requirement against any receiver, with reports and a badge. */
@Command(name = "verify", mixinStandardHelpOptions = true, exitCodeOnExecutionException = 2,
        description = {
            "Check receivers (and the sender's status endpoint) against the replication contract: a verdict per requirement.",
            "With no URL, verifies the embedded reference receivers (in memory, with a bearer token);",
            "with KIT_SENDER_DB_URL set, also the reference status endpoint over that sender database, and E2E-01.",
            "Reports go to DIR: conformance.json, junit.xml, index.html, badge.svg, shields.json.",
            "Outcomes: passed, failed, cantTell (the kit could not observe it; never counted against the receiver),",
            "inapplicable (endpoint or credential not given)."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {
            ExitCode.PASSED_LINE + "no requirement the profile counts failed (or only failures the baseline lists), and at least one was judged",
            ExitCode.FAILED_LINE + "a requirement the profile counts failed (with --strict-baseline: also a listed failure that now passes)",
            ExitCode.COULD_NOT_RUN_LINE + "usage error, a target that cannot be reached, or nothing the profile counts could be judged"})
public final class VerifyCommand extends KitCommand {

    @Mixin
    ReceiverUrlOptions receivers = new ReceiverUrlOptions();

    @Mixin
    ProfileOption profile = new ProfileOption();

    @Mixin
    ReportDirOption reports = new ReportDirOption();

    @Option(names = "--status-url", paramLabel = "URL", description = "Full URL of the status endpoint, e.g. http://host:4002/admin/replication/status.")
    String statusUrl;

    @Option(names = "--token", paramLabel = "T", defaultValue = "${env:KIT_TOKEN}",
            description = "The receivers' bearer token; enables SYNC-AUTH-01 (default: $KIT_TOKEN, which keeps it off the command line).")
    String token;

    @Option(names = "--admin-token", paramLabel = "T", defaultValue = "${env:KIT_ADMIN_TOKEN}",
            description = "The status endpoint's admin token; enables the STAT-* checks (default: $KIT_ADMIN_TOKEN).")
    String adminToken;

    @Option(names = "--signing-secret", paramLabel = "whsec_...", defaultValue = "${env:KIT_SIGNING_SECRET}",
            description = "The receivers' Standard Webhooks signing secret: every delivery is signed and the SIG-* checks run "
                    + "(default: $KIT_SIGNING_SECRET).")
    String signingSecret;

    @Option(names = "--seed", paramLabel = "N",
            description = "Seed of the generated examples: the same seed repeats a run's examples (default: random, or KIT_VERIFY_SEED; every report prints it).")
    Long seed;

    @Option(names = "--only", paramLabel = "ID[,ID...]", split = ",",
            description = "Check only these requirements (the others are inapplicable: not selected), e.g. --only SYNC-IDEM-03,SYNC-AUTH-01.")
    List<String> only;

    @Option(names = "--max-duration", paramLabel = "DURATION", defaultValue = "15m",
            description = "Bound on the whole run, e.g. 90s, 10m (default ${DEFAULT-VALUE}); checks not ended by then cannot tell.")
    String maxDuration;

    @Option(names = "--baseline", paramLabel = "FILE",
            description = "Known failures (JSON from --write-baseline): a run whose only failures are listed passes, and says so.")
    Path baseline;

    @Option(names = "--strict-baseline",
            description = "With --baseline: a listed failure that now passes fails the run until it is removed from the baseline.")
    boolean strictBaseline;

    @Option(names = "--write-baseline", paramLabel = "FILE",
            description = "Write this run's failures as a baseline to FILE (each with its reason, to edit).")
    Path writeBaseline;

    private Baseline expected;
    private final Function<String, String> env;

    public VerifyCommand() {
        this(System.out, System.err);
    }

    public VerifyCommand(PrintStream out, PrintStream err) {
        this(out, err, System::getenv);
    }

    /** {@code env} stands for the process environment (tests name a sender database through it). */
    public VerifyCommand(PrintStream out, PrintStream err, Function<String, String> env) {
        super("kit verify", out, err);
        this.env = env;
    }

    @Override
    protected int run() {
        token = blankToNull(token);
        adminToken = blankToNull(adminToken);
        try {
            signingSecret = WebhookSignature.checkedOrNull(signingSecret);
        } catch (IllegalArgumentException e) {
            throw new CouldNotRun("--signing-secret: " + e.getMessage());
        }
        Profile chosen = profile.profile();
        receivers.firstBadUrl().or(() -> statusUrl == null ? Optional.empty() : Preflight.badUrl("--status-url", statusUrl))
                .ifPresent(bad -> { throw new CouldNotRun(bad); });
        Path dir = reports.orUnderKitHome("conformance");
        RunSettings settings = RunSettings.defaults(chosen).withMaxDuration(Durations.require("--max-duration", maxDuration));
        if (seed != null) {
            settings = settings.withSeed(seed);
        }
        if (only != null && !only.isEmpty()) {
            Set<String> ids = new java.util.LinkedHashSet<>();
            for (String id : only) {
                String trimmed = id.trim().toUpperCase(Locale.ROOT);
                if (ConformanceRunner.covered().stream().noneMatch(r -> r.id().equals(trimmed))) {
                    throw new CouldNotRun("--only names " + id.trim() + ", which kit verify does not check (see spec/requirements.yaml)");
                }
                ids.add(trimmed);
            }
            settings = settings.only(ids);
        }
        if (baseline != null) {
            expected = Baseline.read(baseline).strict(strictBaseline); // a bad file: one line, exit 2 (KitCommand)
        } else if (strictBaseline) {
            throw new CouldNotRun("--strict-baseline needs --baseline FILE");
        }
        boolean embedded = receivers.noneGiven() && statusUrl == null;
        if (embedded) {
            return verifyEmbedded(settings, dir);
        }
        Targets targets = Targets.receivers(receivers.patternsUrl(), receivers.metricsUrl()).withStatus(statusUrl, adminToken)
                .withToken(token).withSigningSecret(signingSecret);
        Preflight.requireReachable(targets.urls());
        return verifyWithSender(targets, false, settings, dir);
    }

    /**
     * Adds the sender database named by {@link #SENDER_DB_ENV}, if any, for E2E-01; with {@code serveStatus}
     * (the embedded default) the reference status endpoint is also started over that sender database, so
     * STAT-* get a verdict without any URL.
     */
    private int verifyWithSender(Targets targets, boolean serveStatus, RunSettings settings, Path dir) {
        if (!hasSenderDatabase()) {
            return verify(targets, settings, dir);
        }
        String senderDb = env.apply(SENDER_DB_ENV);
        SenderDatabase sender;
        try {
            sender = SenderDatabase.connect(senderDb.trim());
        } catch (RuntimeException e) {
            throw new CouldNotRun("cannot use the sender database in " + SENDER_DB_ENV + ": " + Text.firstLine(e.getMessage()), e);
        }
        try (sender) {
            Targets withSender = targets.withSender(new SenderDatabaseLink(sender));
            if (!serveStatus) {
                return verify(withSender, settings, dir);
            }
            String admin = adminToken != null ? adminToken : "kit-admin-" + UUID.randomUUID();
            StatusServer status;
            try {
                status = StatusServer.start("127.0.0.1", 0, sender.jdbcUrl(), admin);
            } catch (RuntimeException e) {
                throw new CouldNotRun("cannot start the reference status endpoint: " + Text.firstLine(e.getMessage()), e);
            }
            try (status) {
                return verify(withSender.withStatus(status.url(), admin), settings, dir);
            }
        }
    }

    /**
     * A running sender database (for example from {@code ./kit sender up}) for E2E-01: rows inserted
     * there must reach the receivers under test. An environment variable rather than an option: the
     * options are the contract other teams script against.
     */
    public static final String SENDER_DB_ENV = "KIT_SENDER_DB_URL";

    private boolean hasSenderDatabase() {
        String senderDb = env.apply(SENDER_DB_ENV);
        return senderDb != null && !senderDb.isBlank();
    }

    private int verifyEmbedded(RunSettings settings, Path dir) {
        // The reference receivers are started with a bearer token, so SYNC-AUTH-01 gets a verdict too;
        // every other check sends the token like a configured sender would.
        String embeddedToken = token != null ? token : "kit-" + UUID.randomUUID();
        // And with a signing secret, so the SIG-* rules are judged and every other check sends signed deliveries.
        String embeddedSecret = signingSecret != null ? signingSecret : randomSigningSecret();
        try (ReceiverServer server = ReceiverUrlOptions.startEmbedded(
                ReceiverOptions.embedded().withToken(embeddedToken).withSigningSecret(embeddedSecret))) {
            out.println("No URL given: verifying the embedded reference receivers (in memory, bearer token and signed deliveries required)"
                    + (hasSenderDatabase() ? " and the reference status endpoint over " + SENDER_DB_ENV + "." : "."));
            return verifyWithSender(Targets.receivers(server.patternsUrl(), server.metricsUrl()).withToken(embeddedToken)
                            .withSigningSecret(embeddedSecret).asEmbedded(),
                    true, settings, dir);
        }
    }

    private int verify(Targets targets, RunSettings settings, Path dir) {
        out.println("kit verify: profile " + settings.profile().label() + ", seed " + settings.seed()
                + (settings.only().isEmpty() ? "" : ", only " + String.join(",", settings.only())));
        targets.describe().forEach((k, v) -> out.printf("  %-12s %s%n", k, v));
        out.println();
        ConformanceResult result = ConformanceRunner.run(targets, settings, new ProgressPrinter(out)).withBaseline(expected);
        List<Path> files = ReportWriter.write(dir, result, null);
        if (writeBaseline != null) {
            Baseline.of(result).write(writeBaseline);
        }
        summary(result, settings, dir, files);
        return result.exitCode();
    }

    private void summary(ConformanceResult result, RunSettings settings, Path dir, List<Path> files) {
        out.println();
        ResultSummary.tallies(out, result);
        List<String> notJudged = result.verdicts().stream()
                .filter(v -> result.counts(v.requirement()) && !v.outcome().judged())
                .map(v -> "  " + v.name() + " " + v.outcome().label() + ": " + Text.firstLine(v.reason()))
                .toList();
        if (!notJudged.isEmpty()) {
            out.println("Not judged (" + notJudged.size() + " counted case" + (notJudged.size() == 1 ? "" : "s") + "):");
            notJudged.forEach(out::println);
        }
        if (expected != null) {
            List<String> listed = result.baselinedFailures().stream().map(v -> v.name()).toList();
            out.println("Baseline: " + (listed.isEmpty() ? "no listed failure occurred" : listed.size()
                    + " known failure(s), not failing the run: " + String.join(", ", listed)));
            result.fixed().forEach(v -> out.println("  fixed: " + v.name() + " passed: remove it from the baseline"
                    + (expected.strict() ? " (--strict-baseline fails the run until then)" : "")));
        }
        ResultSummary.verdict(out, result);
        out.println("Seed: " + settings.seed() + " (repeat the generated examples with --seed " + settings.seed() + ")");
        ResultSummary.reports(out, dir, files);
        if (writeBaseline != null) {
            out.println("Baseline written: " + writeBaseline.toAbsolutePath());
        }
        if (result.exitCode() == 2) {
            err.println("kit verify: nothing the " + settings.profile().label() + " profile counts could be judged"
                    + " (the report says why; the status endpoint needs --admin-token)");
        }
    }

    /** A fresh Standard Webhooks secret: whsec_ + base64 of 32 random bytes. */
    private static String randomSigningSecret() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return WebhookSignature.SECRET_PREFIX + java.util.Base64.getEncoder().encodeToString(key);
    }
}
