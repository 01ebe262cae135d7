package org.replkit.chaos.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.replkit.chaos.check.PropertyVerdict;
import org.replkit.chaos.history.History;
import org.replkit.chaos.history.Json;
import org.replkit.spec.Outcome;

/** Writes a run's summary.json and index.html next to its history.jsonl. */
public final class ChaosReport {

    private ChaosReport() {
    }

    public static void write(Path dir, History history, List<PropertyVerdict> verdicts, ChaosFigures figures, int exitCode) {
        ObjectNode summary = Json.MAPPER.createObjectNode();
        summary.put("tool", "kit chaos");
        summary.put("verdict", verdict(exitCode).label());
        summary.put("exit_code", exitCode);
        summary.put("seed", figures.seed());
        summary.put("rerun", rerun(figures.seed()));
        summary.set("figures", Json.MAPPER.valueToTree(figures));
        ArrayNode properties = summary.putArray("properties");
        verdicts.forEach(v -> properties.add(Json.MAPPER.valueToTree(v)));
        ObjectNode files = summary.putObject("files");
        files.put("history", "history.jsonl");
        files.put("report", "index.html");
        if (Files.exists(dir.resolve("receiver.log"))) {
            files.put("receiver_log", "receiver.log");
        }
        write(dir.resolve("summary.json"), pretty(summary));
        write(dir.resolve("index.html"), HtmlPage.render(history, verdicts, figures, exitCode));
    }

    /** The run never got to a verdict: summary.json says why (and nothing else pretends otherwise). */
    public static void writeCannotRun(Path dir, long seed, String reason) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            return; // the caller has already said the folder cannot be written
        }
        ObjectNode summary = Json.MAPPER.createObjectNode();
        summary.put("tool", "kit chaos");
        summary.put("verdict", Outcome.CANT_TELL.label());
        summary.put("exit_code", 2);
        summary.put("reason", "could not run: " + reason);
        summary.put("seed", seed);
        summary.put("rerun", rerun(seed));
        try {
            Files.deleteIfExists(dir.resolve("index.html"));
        } catch (IOException ignored) {
            // stale page stays; summary.json says the truth
        }
        write(dir.resolve("summary.json"), pretty(summary));
    }

    /** The run's verdict in EARL's words: 2 (nothing judged, or the run could not take place) is cantTell. */
    static Outcome verdict(int exitCode) {
        return switch (exitCode) {
            case 0 -> Outcome.PASSED;
            case 1 -> Outcome.FAILED;
            default -> Outcome.CANT_TELL;
        };
    }

    /** The verdict for people: "passed", "failed" or "could not tell". */
    static String verdictLabel(int exitCode) {
        return exitCode == 0 || exitCode == 1 ? verdict(exitCode).label() : "could not tell";
    }

    /** The command that repeats the run: the same seed gives the same writes and fault schedule. */
    static String rerun(long seed) {
        return "./kit chaos --seed " + seed;
    }

    /** A rate or a wait as people write it: 20, not 20.0; 2.5 as it is. */
    public static String number(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    private static String pretty(ObjectNode node) {
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
