package org.replkit.conformance.fuzz;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.replkit.conformance.model.EndpointKind;
import org.replkit.conformance.model.Targets;
import org.replkit.conformance.run.Durations;
import org.replkit.spec.KitCommand;
import org.replkit.conformance.run.Preflight;
import org.replkit.receivers.ReceiverOptions;
import org.replkit.receivers.ReceiverServer;
import org.replkit.conformance.report.ReportDirOption;
import org.replkit.conformance.report.ResultSummary;
import org.replkit.conformance.run.ReceiverUrlOptions;
import org.replkit.spec.CouldNotRun;
import org.replkit.spec.ExitCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code kit fuzz}: a campaign of hostile requests against any receiver, each finding minimised with its curl line. */
@Command(name = "fuzz", mixinStandardHelpOptions = true, exitCodeOnExecutionException = 2,
        description = {
            "Send hostile requests to receivers and report every 5xx, every crash (no",
            "answer, connection reset), every 2xx for a request that must be refused,",
            "every refusal of a record the sender can send and every answer slower than",
            "the sender's 5 s timeout, each judged by one requirement and minimised.",
            "Requests: valid records with 1-4 fields set to boundary values of their JSON",
            "Schema type, byte flips, truncations, 50,000-deep nesting, a 2 MB string,",
            "top-level arrays, odd Content-Types and header values.",
            "With no URL: the embedded reference receivers (in memory; --db-url for",
            "PostgreSQL). Reports go to DIR: fuzz.json, index.html. The same --seed",
            "sends the same requests."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {
            ExitCode.PASSED_LINE + "nothing found",
            ExitCode.FAILED_LINE + "findings (the terminal and the reports list them)",
            ExitCode.COULD_NOT_RUN_LINE + "usage error, a target that cannot be reached, or no request sent"})
public final class FuzzCommand extends KitCommand {

    @Mixin
    ReceiverUrlOptions receivers = new ReceiverUrlOptions();

    @Mixin
    ReportDirOption reports = new ReportDirOption();

    @Option(names = "--token", paramLabel = "T", description = "The receivers' bearer token, sent with every request (never written to a report).")
    String token;

    @Option(names = "--requests", paramLabel = "N", defaultValue = "5000", description = "How many requests to send (default ${DEFAULT-VALUE}).")
    int requests;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of the campaign: the same seed sends the same requests (default: random; the reports print it).")
    Long seed;

    @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "1h",
            description = "Bound on the sending, e.g. 90s, 10m (default ${DEFAULT-VALUE}); minimising the findings takes at most 90 s more.")
    String duration;

    @Option(names = "--db-url", paramLabel = "JDBC_URL",
            description = "With no URL: run the embedded reference receivers on this PostgreSQL database (default: in memory).")
    String dbUrl;

    /** Distinct findings printed on the terminal; the reports list all. */
    private static final int SHOWN = 10;

    public FuzzCommand() {
        this(System.out, System.err);
    }

    public FuzzCommand(PrintStream out, PrintStream err) {
        super("kit fuzz", out, err);
    }

    @Override
    protected int run() {
        if (requests < 1) {
            throw new CouldNotRun("--requests must be at least 1, not " + requests);
        }
        Duration bound = Durations.require("--duration", duration);
        receivers.firstBadUrl().ifPresent(bad -> { throw new CouldNotRun(bad); });
        boolean embedded = receivers.noneGiven();
        if (!embedded && dbUrl != null) {
            throw new CouldNotRun("--db-url is for the embedded reference receivers; it cannot go with --patterns-url or --metrics-url");
        }
        long chosenSeed = seed != null ? seed : new SecureRandom().nextLong();
        Campaign.Settings settings = Campaign.Settings.of(requests, chosenSeed, bound);
        Path dir = reports.orUnderKitHome("fuzz");
        if (embedded) {
            return fuzzEmbedded(settings, dir);
        }
        Map<EndpointKind, URI> targets = targets(receivers.patternsUrl(), receivers.metricsUrl());
        Preflight.requireReachable(targets.values());
        return fuzz(targets, token, settings, dir, null);
    }

    /** The endpoints given (a null URL is left out). */
    private static Map<EndpointKind, URI> targets(String patternsUrl, String metricsUrl) {
        Targets given = Targets.receivers(patternsUrl, metricsUrl);
        Map<EndpointKind, URI> targets = new EnumMap<>(EndpointKind.class);
        Arrays.stream(EndpointKind.values()).forEach(k -> given.url(k).ifPresent(u -> targets.put(k, u)));
        return targets;
    }

    private int fuzzEmbedded(Campaign.Settings settings, Path dir) {
        // Like kit verify's embedded default: the receivers require a token, and every request carries it.
        String embeddedToken = token != null ? token : "kit-" + UUID.randomUUID();
        try (ReceiverServer server = ReceiverUrlOptions.startEmbedded(ReceiverOptions.embedded().withToken(embeddedToken).withDbUrl(dbUrl))) {
            return fuzz(targets(server.patternsUrl(), server.metricsUrl()), embeddedToken, settings, dir,
                    "the embedded reference receivers (store: " + server.store().describe() + ")");
        }
    }

    private int fuzz(Map<EndpointKind, URI> targets, String bearer, Campaign.Settings settings, Path dir, String embedded) {
        out.printf("kit fuzz: %,d hostile requests, seed %d, %d at once%s%n", settings.requests(), settings.seed(),
                settings.concurrency(), embedded == null ? "" : ", against " + embedded);
        targets.forEach((k, u) -> out.printf("  %-9s %s%n", k.key(), u));
        Campaign.Result result = Campaign.run(targets, bearer, settings, out);
        List<Path> files = FuzzReport.write(dir, result, command(settings));
        summary(result, dir, files);
        if (result.sent() == 0) {
            throw new CouldNotRun("no request was sent (" + result.stopped() + ")");
        }
        return result.exitCode();
    }

    private void summary(Campaign.Result r, Path dir, List<Path> files) {
        out.println();
        int shown = 0;
        for (Campaign.FindingGroup g : r.groups()) {
            if (++shown > SHOWN) {
                out.printf("... and %d more distinct findings: see %s%n", r.groups().size() - SHOWN, FuzzReport.HTML);
                break;
            }
            Finding f = g.finding();
            out.printf("%-16s %-14s %-6s %-8s x%-6d %s%n", f.kind().label(), f.requirementId(), f.level(),
                    f.fuzzCase().kind().key(), g.occurrences(), Campaign.clip(f.fuzzCase().describe(), 100));
            out.println("    " + Campaign.clip(f.message(), 160));
            out.println("    Reproduce with: " + Campaign.clip(FuzzReport.curlOf(dir, g), 400));
        }
        List<String> kinds = java.util.Arrays.stream(FindingKind.values())
                .map(k -> r.findingsByKind().getOrDefault(k, 0L) + " " + k.label()).toList();
        out.printf(Locale.ROOT, "Sent %,d of %,d requests in %.1f s (%.0f req/s; %s)%n", r.sent(), r.settings().requests(),
                r.seconds(), r.requestsPerSecond(), r.stopped());
        out.println("Findings: " + String.join(", ", kinds));
        out.println("Verdict: " + (r.findings() == 0 ? "NOTHING FOUND" : "FINDINGS (" + r.findings() + " requests, "
                + r.groups().size() + " distinct)"));
        out.println("Seed: " + r.settings().seed() + " (repeat the campaign with --seed " + r.settings().seed() + ")");
        ResultSummary.reports(out, dir, files);
    }

    /** The command that repeats the campaign, without secrets. */
    private String command(Campaign.Settings s) {
        StringBuilder b = new StringBuilder("./kit fuzz --seed ").append(s.seed()).append(" --requests ").append(s.requests());
        if (receivers.patternsUrl() != null) {
            b.append(" --patterns-url ").append(receivers.patternsUrl());
        }
        if (receivers.metricsUrl() != null) {
            b.append(" --metrics-url ").append(receivers.metricsUrl());
        }
        if (token != null) {
            b.append(" --token \"$KIT_TOKEN\"");
        }
        if (dbUrl != null) {
            b.append(" --db-url …");
        }
        return b.toString();
    }
}
