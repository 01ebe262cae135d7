package org.replkit.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.replkit.conformance.model.ConformanceResult;
import org.replkit.conformance.model.Targets;
import org.replkit.conformance.report.ReportWriter;
import org.replkit.conformance.report.SelfTestMatrix;
import org.replkit.conformance.run.ConformanceRunner;
import org.replkit.conformance.model.RunSettings;
import org.replkit.conformance.selftest.Fault;
import org.replkit.conformance.selftest.FaultyReceiver;
import org.replkit.spec.Profile;

/**
 * The HTML report renders in a real browser: headless Chromium (installed by bin/ci-prepare.sh)
 * takes a screenshot of a report with failures, evidence and a small self-test matrix, and the
 * picture must be a page with content, not a blank or an error page.
 */
class ReportScreenshotTest {

    static final Path OUT = Paths.get("target", "report-screenshot");

    @Test
    void reportRendersInHeadlessChromium() throws Exception {
        ConformanceResult broken;
        ConformanceResult correct;
        RunSettings settings = RunSettings.defaults(Profile.CORE).withExamples(3);
        try (FaultyReceiver r = FaultyReceiver.start(Set.of(Fault.STALE_OVERWRITE), null, null)) {
            broken = ConformanceRunner.run(Targets.receivers(r.patternsUrl(), null), settings, o -> { });
        }
        try (FaultyReceiver r = FaultyReceiver.correct(null, null)) {
            correct = ConformanceRunner.run(Targets.receivers(r.patternsUrl(), null), settings, o -> { });
        }
        SelfTestMatrix matrix = new SelfTestMatrix(List.of(
                new SelfTestMatrix.Row("test receiver, no fault", "keeps the contract", List.of(), correct),
                new SelfTestMatrix.Row(Fault.STALE_OVERWRITE.name(), Fault.STALE_OVERWRITE.description(),
                        Fault.STALE_OVERWRITE.breaks(), broken)));
        ReportWriter.write(OUT, broken, matrix.page());
        Path png = OUT.resolve("index.png").toAbsolutePath();
        Files.deleteIfExists(png);
        screenshot(OUT.resolve("index.html").toAbsolutePath(), png);
        assertTrue(Files.size(png) > 20_000, "the screenshot is suspiciously small: " + Files.size(png) + " bytes");
        BufferedImage image = ImageIO.read(png.toFile());
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 7) {
            for (int x = 0; x < image.getWidth(); x += 7) {
                colours.add(image.getRGB(x, y));
            }
        }
        assertTrue(colours.size() > 50, "the page looks blank: " + colours.size() + " colours");
        // The verdict colour (the red of a failure) must be on the page.
        assertTrue(colours.stream().anyMatch(ReportScreenshotTest::isFailRed), "no failure red on the page");
    }

    private static boolean isFailRed(int rgb) {
        int r = (rgb >> 16) & 0xff;
        int g = (rgb >> 8) & 0xff;
        int b = rgb & 0xff;
        return r > 170 && g < 80 && b < 80;
    }

    static void screenshot(Path html, Path png) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("kit-chromium-");
        Process p = null;
        try {
            p = new ProcessBuilder(List.of(chromium(), "--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-background-networking", "--no-first-run", "--disable-component-update", "--disable-sync",
                    "--hide-scrollbars", "--user-data-dir=" + profile, "--window-size=1400,2200",
                    "--screenshot=" + png, html.toUri().toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(OUT.resolve("chromium.log").toFile())
                    .start();
            assertTrue(p.waitFor(90, TimeUnit.SECONDS), "chromium did not finish within 90 s");
            assertTrue(Files.exists(png), "chromium wrote no screenshot; see " + OUT.resolve("chromium.log"));
        } finally {
            if (p != null) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private static String chromium() {
        for (String candidate : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")) {
            if (Files.isExecutable(Paths.get(candidate))) {
                return candidate;
            }
        }
        throw new AssertionError("no Chromium found: run conformance-suite/bin/ci-prepare.sh (apt-get install chromium)");
    }
}
