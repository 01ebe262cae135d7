package org.replkit.conformance.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.replkit.conformance.model.ConformanceResult;

/**
 * Writes a run's reports into one directory: conformance.json, junit.xml, index.html, badge.svg,
 * shields.json, and the request bodies the curl lines read (bodies/).
 */
public final class ReportWriter {

    public static final String JSON = "conformance.json";
    public static final String JUNIT_XML = "junit.xml";
    public static final String HTML = "index.html";

    private ReportWriter() {}

    /** @return the files written */
    /** reports/FOLDER under KIT_HOME (the ./kit script exports it), else under the working directory. */
    public static Path underKitHome(String folder) {
        String home = System.getenv("KIT_HOME");
        Path root = home == null || home.isBlank() ? Path.of("") : Path.of(home);
        return root.resolve("reports").resolve(folder);
    }

    public static List<Path> write(Path dir, ConformanceResult result, ConformancePage.Matrix matrix) {
        try {
            Files.createDirectories(dir);
            Replay replay = Replay.fresh(dir);
            Badge badge = Badge.of(result);
            List<Path> files = new ArrayList<>();
            files.add(write(dir.resolve(JSON), JsonReport.render(result, replay)));
            files.add(write(dir.resolve(JUNIT_XML), JunitReport.render(result, replay)));
            files.add(write(dir.resolve(HTML), HtmlReport.render(result, matrix, replay)));
            files.add(write(dir.resolve("badge.svg"), badge.svg()));
            files.add(write(dir.resolve("shields.json"), badge.shieldsJson()));
            replay.writeBodies();
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the reports to " + dir + ": " + e.getMessage(), e);
        }
    }

    private static Path write(Path file, String content) throws IOException {
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }
}
