package org.replkit.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.replkit.load.cliff.CliffPage;
import org.replkit.spec.CouldNotRun;

/**
 * Runs one profile's simulation with Gatling in a JVM of its own and moves its HTML report to
 * {@code <reports>/load/<profile>-<timestamp>/}. The simulation reads its parameters from system
 * properties ({@link LoadProperty}), passed to that JVM.
 */
public final class GatlingRunner {

    /** Gatling's exit status when the simulation ran but an assertion failed. */
    public static final int ASSERTIONS_FAILED = 2;

    /** Where a simulation may leave figures of its own (the pipeline's lag) for the run's summary. */
    public static final String FIGURES_FILE_PROPERTY = "load.figuresFile";
    public static final String FIGURES_FILE = "figures.json";

    /** The run's JVM heap: the in-process receivers' in-memory store grows through a soak. */
    private static final String HEAP = "2g";

    // "Global: 99th percentile of response time is less than 250.0 : true (actual : 81.0)"
    private static final Pattern ASSERTION_LINE = Pattern.compile("^(.+) : (true|false) \\(actual : (.*)\\)$");

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private GatlingRunner() {
    }

    /**
     * @param settings      the run's parameters (unset ones take the profile's defaults)
     * @param signingSecret deliveries are signed with it (null: unsigned); handed to Gatling's JVM in its environment
     * @return the Gatling exit status (0 passed, 2 assertions failed) and the report's folder
     * @throws CouldNotRun when the simulation could not run at all (no report written)
     */
    public static Outcome run(LoadProfile profile, Map<LoadProperty, String> settings, Path loadReportsDir, String signingSecret) {
        Instant started = Instant.now();
        Path staging;
        try {
            Files.createDirectories(loadReportsDir);
            staging = Files.createTempDirectory(loadReportsDir, ".gatling-");
        } catch (IOException e) {
            throw new CouldNotRun("cannot create the report folder " + loadReportsDir + ": " + e.getMessage());
        }
        try {
            List<RunSummary.AssertionResult> assertions = new ArrayList<>();
            int status = runGatlingJvm(profile, settings, staging, started, assertions, signingSecret);
            Path report = findReport(staging);
            if (report == null) {
                Path failure = staging.resolve(GatlingMain.FAILURE_FILE);
                throw new CouldNotRun("the " + profile + " simulation could not run: "
                        + (Files.exists(failure) ? Files.readString(failure).trim() : "Gatling ended with status " + status));
            }
            Path target = uniqueFolder(loadReportsDir, profile.id() + "-" + STAMP.format(started));
            Files.move(report, target);
            for (String simulationFile : List.of(FIGURES_FILE, CliffPage.FILE)) {
                if (Files.exists(staging.resolve(simulationFile))) {
                    Files.move(staging.resolve(simulationFile), target.resolve(simulationFile));
                }
            }
            return new Outcome(status, target, started, List.copyOf(assertions), LoadRerun.command(profile, settings));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteQuietly(staging);
        }
    }

    /**
     * Gatling runs in a JVM of its own, as its Maven plugin does: it needs java.lang opened to it,
     * and the run gets a clean heap and quiet logging whoever started it.
     */
    private static int runGatlingJvm(LoadProfile profile, Map<LoadProperty, String> settings, Path resultsDir, Instant started,
                                     List<RunSummary.AssertionResult> assertions, String signingSecret) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-opens=java.base/java.lang=ALL-UNNAMED",
                "-Xmx" + HEAP,
                "-Dlogback.configurationFile=org/replkit/load/logback-gatling.xml",
                "-D" + FIGURES_FILE_PROPERTY + "=" + resultsDir.resolve(FIGURES_FILE).toAbsolutePath()));
        settings.forEach((property, value) -> command.add("-D" + property.key() + "=" + value));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), GatlingMain.class.getName(),
                profile.simulationClass(), resultsDir.toAbsolutePath().toString(),
                profile.id() + " profile, " + STAMP.format(started) + " UTC"));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.INHERIT)
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        // The secret goes in the environment, never on the command line (where -D properties are).
        builder.environment().remove(DeliverySigning.ENV);
        if (signingSecret != null) {
            builder.environment().put(DeliverySigning.ENV, signingSecret);
        }
        Process process = builder.start();
        Thread stopChild = new Thread(process::destroy, "load-run-stop");
        Runtime.getRuntime().addShutdownHook(stopChild);
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            // Gatling's console output goes on to ours; its assertion verdicts are kept for the summary.
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (!line.startsWith("Reports generated")) {
                    // (that line names the staging folder; the command prints where the report ends up)
                    System.out.println(line);
                }
                Matcher verdict = ASSERTION_LINE.matcher(line);
                if (verdict.matches()) {
                    assertions.add(new RunSummary.AssertionResult(verdict.group(1), verdict.group(2).equals("true"), verdict.group(3)));
                }
            }
            return process.waitFor();
        } catch (InterruptedException e) {
            process.destroy();
            Thread.currentThread().interrupt();
            throw new CouldNotRun("the load run was interrupted");
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(stopChild);
            } catch (IllegalStateException ignored) {
                // the JVM is shutting down; the hook runs anyway
            }
        }
    }

    private static Path findReport(Path resultsDir) throws IOException {
        try (Stream<Path> children = Files.list(resultsDir)) {
            return children.filter(Files::isDirectory).filter(d -> Files.exists(d.resolve("index.html"))).findFirst().orElse(null);
        }
    }

    private static Path uniqueFolder(Path parent, String name) {
        Path candidate = parent.resolve(name);
        for (int i = 2; Files.exists(candidate); i++) {
            candidate = parent.resolve(name + "-" + i);
        }
        return candidate;
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // a leftover staging folder is hidden (dot name) and harmless
        }
    }

    /**
     * @param status    Gatling's exit status: 0 passed, 2 an assertion failed
     * @param reportDir the folder holding Gatling's index.html
     * @param assertions Gatling's verdict on each of the simulation's assertions
     * @param rerun     the command that repeats the run
     */
    public record Outcome(int status, Path reportDir, Instant started, List<RunSummary.AssertionResult> assertions,
                          String rerun) {
        public boolean passed() {
            return status == 0;
        }
    }
}
