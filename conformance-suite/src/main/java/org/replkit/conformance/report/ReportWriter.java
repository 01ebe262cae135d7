package org.replkit.conformance.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.replkit.conformance.model.ConformanceResult;

/**
 * Writes a run's reports into one directory: conformance.json, index.html, badge.svg and
 * shields.json (junit.xml comes from JUnit's own XML reporting during the run).
 */
public final class ReportWriter {

    public static final String JUNIT_XML = "junit.xml";

    private ReportWriter() {}

    /** @return the files written */
    public static List<Path> write(Path dir, ConformanceResult result, SelfTestMatrix matrix) {
        try {
            Files.createDirectories(dir);
            Badge badge = Badge.of(result);
            Path json = write(dir.resolve("conformance.json"), JsonReport.render(result));
            Path html = write(dir.resolve("index.html"), HtmlReport.render(result, matrix));
            Path svg = write(dir.resolve("badge.svg"), badge.svg());
            Path shields = write(dir.resolve("shields.json"), badge.shieldsJson());
            Path junit = dir.resolve(JUNIT_XML);
            return Files.exists(junit) ? List.of(json, junit, html, svg, shields) : List.of(json, html, svg, shields);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the reports to " + dir + ": " + e.getMessage(), e);
        }
    }

    private static Path write(Path file, String content) throws IOException {
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }
}
