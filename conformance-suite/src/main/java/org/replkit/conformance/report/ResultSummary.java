package org.replkit.conformance.report;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.replkit.conformance.model.ConformanceResult;
import org.replkit.spec.Level;

/** The lines kit verify and kit verify-sender print about a result once it is written (and kit fuzz's reports line). */
public final class ResultSummary {

    private ResultSummary() {}

    /** One line per level: how many passed, failed, could not tell, were inapplicable; and whether the profile counts it. */
    public static void tallies(PrintStream out, ConformanceResult result) {
        for (Level level : Level.values()) {
            ConformanceResult.Tally t = result.tally(level);
            out.printf("%-6s %d passed, %d failed, %d cannot tell, %d inapplicable%s%n", level, t.passed(), t.failed(),
                    t.cantTell(), t.inapplicable(),
                    result.profile().counts(level) ? "" : " (not counted by the " + result.profile().label() + " profile)");
        }
    }

    /** The verdict, the profile, the time taken and the badge's words. */
    public static void verdict(PrintStream out, ConformanceResult result) {
        Badge badge = Badge.of(result);
        out.printf("Verdict: %s (%s profile) in %.1f s; badge: %s | %s%n", result.verdictLabel().toUpperCase(Locale.ROOT),
                result.profile().label(), result.millis() / 1000.0, badge.label(), badge.message());
    }

    /** The files written, and where. */
    public static void reports(PrintStream out, Path dir, List<Path> files) {
        out.println("Reports: " + files.stream().map(p -> p.getFileName().toString()).toList() + " in " + dir.toAbsolutePath());
    }
}
