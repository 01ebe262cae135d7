package org.replkit.load;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.replkit.spec.ExitCode;
import org.replkit.spec.KitCommand;
import org.replkit.spec.WebhookSignature;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./kit load}: runs one load profile with Gatling, writes its report under
 * {@code reports/load/<profile>-<timestamp>/} and refreshes {@code reports/index.html}.
 * Exit codes, the kit's contract: 0 the assertions held, 1 an assertion failed, 2 the run could not take place.
 */
@Command(
        name = "load",
        mixinStandardHelpOptions = true,
        exitCodeOnExecutionException = ExitCode.COULD_NOT_RUN,
        description = {
            "Loads receivers at the sender's 5-second cadence with Gatling and writes an HTML report.",
            "Profiles: steady, catch-up, duplicates, soak, pipeline, sender-capacity. Without --target the reference receivers run in-process."
        },
        modelTransformer = LoadCommand.PropertyOptions.class,
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {
            ExitCode.PASSED_LINE + "every assertion of the profile held",
            ExitCode.FAILED_LINE + "an assertion failed (the report is written)",
            ExitCode.COULD_NOT_RUN_LINE + "bad option, unreachable target, or the run could not take place"})
public final class LoadCommand extends KitCommand {

    @Option(names = "--profile", defaultValue = "steady", paramLabel = "PROFILE",
            description = "steady | catch-up | duplicates | soak | pipeline | sender-capacity | cliff (default: ${DEFAULT-VALUE})")
    String profile;

    @Option(names = "--signing-secret", paramLabel = "whsec_...", defaultValue = "${env:KIT_SIGNING_SECRET}",
            description = "sign every delivery with this Standard Webhooks secret (default: $KIT_SIGNING_SECRET); "
                    + "the in-process reference receivers then require it")
    String signingSecret;

    @Option(names = "--reports", paramLabel = "DIR",
            description = "reports folder (default: $KIT_HOME/reports, else ./reports)")
    Path reports;

    @Spec
    CommandSpec spec;

    public LoadCommand() {
        super("load", System.out, System.err);
    }

    @Override
    protected int run() {
        LoadProfile chosen = LoadProfile.of(profile);
        Map<LoadProperty, String> settings = settings();
        Path reportsDir = reports != null ? reports : reportsUnderKitHome();
        out.println("load: " + chosen + " (" + chosen.description() + ")");
        String secret = WebhookSignature.checkedOrNull(signingSecret); // a bad secret: one line, exit 2
        GatlingRunner.Outcome outcome = GatlingRunner.run(chosen, settings, reportsDir.resolve("load"), secret);
        var summary = RunSummary.write(chosen, outcome);
        Path index = ReportIndex.refresh(reportsDir);
        var times = summary.path("responseTimeMs");
        var requests = summary.path("requests");
        out.printf("load: %s %s: %d requests, %d failed%s, p50 %d ms, p99 %d ms%n", chosen,
                outcome.passed() ? "passed" : "FAILED", requests.path("total").asLong(), requests.path("failed").asLong(),
                shedPart(requests), times.path("p50").asLong(), times.path("p99").asLong());
        var pipeline = summary.path("pipeline");
        if (!pipeline.isMissingNode()) {
            out.printf("load: pipeline: %d/%d deliveries acknowledged, %s deliveries/s, lag p50 %d ms, p95 %d ms, p99 %d ms%n",
                    pipeline.path("delivered").asLong(), pipeline.path("deliveriesExpected").asLong(),
                    pipeline.path("deliveriesPerSecond").asText(), pipeline.path("lagMs").path("p50").asLong(),
                    pipeline.path("lagMs").path("p95").asLong(), pipeline.path("lagMs").path("p99").asLong());
        }
        var capacity = summary.path("capacity");
        if (!capacity.isMissingNode()) {
            out.printf("load: sender-capacity: highest rate kept up %d rows/s (%s deliveries/s, lag p99 <= %d ms);"
                            + " raw %s %s/s, schema %s/s: ratio %s (target >= %s)%n",
                    capacity.path("highestRowsPerSecond").asLong(), capacity.path("highestDeliveriesPerSecond").asText(),
                    capacity.path("lagP99LimitMs").asLong(), capacity.path("netProvider").asText(),
                    capacity.path("rawPgNet").path("perSecond").asText(), capacity.path("schemaBurst").path("perSecond").asText(),
                    capacity.path("ratio").asText(), capacity.path("targetRatio").asText());
        }
        var cliff = summary.path("cliff");
        if (!cliff.isMissingNode()) {
            out.println("load: cliff: " + (cliff.path("found").asBoolean()
                    ? cliff.path("rate_per_s").asText() + " deliveries/s, " + cliff.path("concurrency").asInt() + " in flight answered within the timeout"
                    : (cliff.path("stoppedByLoadGenerator").asBoolean() ? "cannot tell, none" : "none") + " up to "
                            + cliff.path("offeredAtStopPerS").asText() + " deliveries/s")
                    + "; stopped: " + cliff.path("stopReason").asText() + "; " + cliff.path("lateAnswers").asLong()
                    + " answers after the timeout (duplicates for a real sender), " + cliff.path("shed").asLong()
                    + " shed with Retry-After, " + cliff.path("errors").asLong() + " errors");
            out.println("load: cliff plot " + outcome.reportDir().resolve("cliff.html"));
        }
        for (var requirement : summary.path("requirements")) {
            out.println("load: " + requirement.path("id").asText() + " " + requirement.path("outcome").asText()
                    + ": " + requirement.path("reason").asText());
        }
        outcome.assertions().stream().filter(a -> !a.passed())
                .forEach(a -> out.println("load:   failed assertion: " + a.assertion() + " (actual " + a.actual() + ")"));
        out.println("load: report " + outcome.reportDir().resolve("index.html"));
        out.println("load: index  " + index);
        return outcome.passed() ? ExitCode.PASSED : ExitCode.FAILED;
    }

    /** ", N shed (P %)": answers 429 or 503 with Retry-After, which the sender retries; empty for a profile without deliveries. */
    static String shedPart(com.fasterxml.jackson.databind.JsonNode requests) {
        return !requests.has("shed") ? "" : String.format(java.util.Locale.ROOT, ", %d shed (%.1f %%: 429/503 with Retry-After, "
                + "retried by the sender)", requests.path("shed").asLong(), requests.path("shedShare").asDouble() * 100);
    }

    /** Every option given that names a simulation parameter, as that parameter (--rows-per-second: load.rowsPerSecond). */
    Map<LoadProperty, String> settings() {
        Map<LoadProperty, String> s = new EnumMap<>(LoadProperty.class);
        for (OptionSpec option : spec.options()) {
            Object value = option.getValue();
            LoadProperty property = LoadProperty.ofOption(option.longestName()).orElse(null);
            if (property == null || value == null) {
                continue;
            }
            if (value instanceof List<?> list) {
                list.forEach(n -> checkWhole(property, n));
                s.put(property, list.stream().map(String::valueOf).collect(Collectors.joining(",")));
            } else {
                checkWhole(property, value);
                s.put(property, property == LoadProperty.TARGET ? TargetReceivers.baseUrl(value.toString()) : value.toString());
            }
        }
        return s;
    }

    /** One option per simulation parameter, named after it (load.rowsPerSecond: --rows-per-second): settings() reads them. */
    static final class PropertyOptions implements CommandLine.IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec spec) {
            for (LoadProperty p : LoadProperty.values()) {
                // picocli formats help text with String.format: a literal % must reach it as %%
                OptionSpec.Builder option = OptionSpec.builder(p.optionName()).paramLabel(p.paramLabel())
                        .description(p.description().replace("%", "%%"));
                switch (p) {
                    case TARGET, DB_URL, SENDER_DB_URL -> option.type(String.class);
                    case RATES -> option.type(List.class).auxiliaryTypes(Integer.class).splitRegex(",");
                    default -> option.type(Integer.class);
                }
                spec.addOption(option.build());
            }
            return spec;
        }
    }

    private static void checkWhole(LoadProperty property, Object value) {
        if (value instanceof Integer n && n < 0) {
            throw new IllegalArgumentException("numeric options take whole numbers >= 0, not " + n + " (" + property.description() + ")");
        }
    }
}
