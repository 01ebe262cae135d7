package org.replkit.conformance.run;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.engine.support.store.Namespace;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.reporting.legacy.xml.LegacyXmlReportGeneratingListener;
import org.replkit.conformance.checks.CheckClasses;
import org.replkit.conformance.model.CheckOutcome;
import org.replkit.conformance.model.ConformanceResult;
import org.replkit.conformance.model.Targets;

/**
 * Runs the conformance checks (JUnit Jupiter tests in this module's main code) through the JUnit
 * Platform Launcher against the given targets, and folds the results into verdicts. JUnit's own
 * XML reporting writes junit.xml when a directory for it is given.
 */
public final class ConformanceRunner {

    private ConformanceRunner() {}

    /**
     * @param junitXml where to write junit.xml, or null for none
     * @param progress called as each check finishes (the terminal's progress lines)
     */
    public static ConformanceResult run(Targets targets, RunSettings settings, Path junitXml,
                                        Consumer<CheckOutcome> progress) {
        RunContext context = new RunContext(targets, settings);
        VerdictCollector collector = new VerdictCollector(context, progress);
        List<TestExecutionListener> listeners = new ArrayList<>(List.of(collector));
        Path xmlDir = null;
        if (junitXml != null) {
            xmlDir = tempDir();
            listeners.add(new LegacyXmlReportGeneratingListener(xmlDir, new PrintWriter(new StringWriter())));
        }
        // Only the listeners and engine named here: nothing found on the classpath by ServiceLoader
        // (a build tool's listeners, say) joins a verification run.
        LauncherConfig config = LauncherConfig.builder()
                .enableTestExecutionListenerAutoRegistration(false)
                .enableLauncherSessionListenerAutoRegistration(false)
                .enableLauncherDiscoveryListenerAutoRegistration(false)
                .enablePostDiscoveryFilterAutoRegistration(false)
                .build();
        List<ClassSelector> selectors = CheckClasses.ALL.stream().map(c -> selectClass(c)).toList();
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectors)
                .filters(EngineFilter.includeEngines("junit-jupiter"))
                .configurationParameters(Map.of(
                        "junit.jupiter.extensions.autodetection.enabled", "false",
                        "junit.jupiter.execution.parallel.enabled", "false",
                        "junit.platform.output.capture.stdout", "false"))
                .build();
        Instant startedAt = Instant.now();
        long start = System.nanoTime();
        try (LauncherSession session = LauncherFactory.openSession(config)) {
            session.getStore().put(Namespace.create(RunContext.NAMESPACE), RunContext.KEY, context);
            session.getLauncher().execute(request, listeners.toArray(TestExecutionListener[]::new));
        } catch (RuntimeException e) {
            if (xmlDir != null) {
                deleteQuietly(xmlDir);
            }
            throw e;
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        if (xmlDir != null) {
            moveXml(xmlDir, junitXml);
        }
        return new ConformanceResult(settings.profile(), targets.describe(), settings.seed(), startedAt, millis,
                collector.verdicts());
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("kit-verify-junit");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        } catch (IOException ignored) {
            // Only a temporary folder is left behind; the run's own failure is what matters.
        }
    }

    private static void moveXml(Path dir, Path target) {
        try (var files = Files.list(dir)) {
            Path xml = files.filter(p -> p.getFileName().toString().endsWith(".xml")).findFirst().orElse(null);
            if (xml != null) {
                Files.createDirectories(target.toAbsolutePath().getParent());
                Files.move(xml, target, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }
}
