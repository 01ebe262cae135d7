package org.replkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.replkit.spec.Requirement;
import org.replkit.spec.RequirementCatalogue;

/**
 * Grepping a requirement id finds, besides its catalogue entry, the check that judges it, the
 * reference code that enforces it, and the deliberately broken receiver that proves the check can
 * fail (for the sender's own rules: the tagged test that checks them, the SQL that enforces them and
 * the kit verify-sender scenario that judges any sender against them).
 * An id counts only where code carries it: a string literal in Java (an enforcing call's argument,
 * {@code @Enforces}, {@code @RequirementCheck}), or a SQL {@code COMMENT ON ... IS}; never a comment.
 */
class RequirementTraceTest {

    static final Path ROOT = Paths.get("..").toAbsolutePath().normalize();

    // Block and line comments; a "//" inside a string literal is rare enough in these sources.
    private static final Pattern JAVA_COMMENT = Pattern.compile("/\\*.*?\\*/|//[^\\n]*", Pattern.DOTALL);
    private static final Pattern SQL_COMMENT_ON =
            Pattern.compile("COMMENT ON [^;]*? IS\\s+((?:'(?:[^']|'')*'\\s*)+);", Pattern.DOTALL);

    /** Sender rules no kit verify-sender scenario judges, each with the reason. */
    static final Map<String, String> NOT_JUDGED_BY_VERIFY_SENDER = Map.of(
            "SND-SEC-01", "secrets at rest are inside the sender database: a black box cannot see them");

    @Test
    void everyRequirementIsFoundWhereItIsCheckedEnforcedAndBroken() throws IOException {
        String checks = code("conformance-suite/src/main/java/org/replkit/conformance/checks");
        String receivers = code("reference-receivers/src/main/java");
        String senderSql = sqlComments("pg-image/sql");
        String senderTests = code("pg-image/src/test/java");
        String senderScenarios = code("conformance-suite/src/main/java/org/replkit/conformance/senderverify");
        String brokenReceivers = code("conformance-suite/src/test/java/org/replkit/conformance/selftest/Fault.java");
        List<String> missing = new ArrayList<>();
        for (Requirement r : RequirementCatalogue.get().all()) {
            String id = r.id();
            boolean sender = r.endpoints().contains("sender");
            if (sender) {
                need(missing, id, "a test tagged with it in pg-image", senderTests.contains("@Tag(\"" + id + "\")"));
                need(missing, id, "the sender SQL that enforces it", senderSql.contains(id));
                if (!NOT_JUDGED_BY_VERIFY_SENDER.containsKey(id)) {
                    need(missing, id, "the kit verify-sender scenario that judges it", senderScenarios.contains("super(\"" + id + "\","));
                }
            } else {
                need(missing, id, "its check (@RequirementCheck)", checks.contains("@RequirementCheck(id = \"" + id + "\""));
                need(missing, id, "the reference code that enforces it",
                        receivers.contains("\"" + id + "\"") || (id.startsWith("E2E") && senderSql.contains(id)));
                need(missing, id, "a broken receiver that breaks it (selftest/Fault)", brokenReceivers.contains("\"" + id + "\""));
            }
        }
        assertEquals(List.of(), missing);
    }

    private static void need(List<String> missing, String id, String what, boolean found) {
        if (!found) {
            missing.add(id + ": " + what);
        }
    }

    /** Java source with its comments removed (string literals stay). */
    static String code(String path) throws IOException {
        return JAVA_COMMENT.matcher(text(path)).replaceAll(" ");
    }

    /** The texts of the SQL files' COMMENT ON statements, the contract {@code \\df+} shows. */
    static String sqlComments(String path) throws IOException {
        StringBuilder b = new StringBuilder();
        Matcher m = SQL_COMMENT_ON.matcher(text(path));
        while (m.find()) {
            b.append(m.group(1)).append('\n');
        }
        return b.toString();
    }

    private static String text(String path) throws IOException {
        Path p = ROOT.resolve(path);
        if (Files.isRegularFile(p)) {
            return Files.readString(p);
        }
        StringBuilder b = new StringBuilder();
        try (Stream<Path> files = Files.walk(p)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                b.append(Files.readString(f)).append('\n');
            }
        }
        return b.toString();
    }
}
