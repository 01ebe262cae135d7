package org.replkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.replkit.spec.Requirement;
import org.replkit.spec.RequirementCatalogue;

/**
 * Grepping a requirement id finds, besides its catalogue entry, the check that judges it, the
 * reference code that enforces it, and the deliberately broken receiver that proves the check can
 * fail (for the sender's own rules: the tagged test that checks them, the SQL that enforces them and
 * the kit verify-sender scenario that judges any sender against them).
 */
class RequirementTraceTest {

    static final Path ROOT = Paths.get("..").toAbsolutePath().normalize();

    @Test
    void everyRequirementIsFoundWhereItIsCheckedEnforcedAndBroken() throws IOException {
        String checks = text("conformance-suite/src/main/java/org/replkit/conformance/checks");
        String receivers = text("reference-receivers/src/main/java");
        String senderSql = text("pg-image/sql");
        String senderTests = text("pg-image/src/test/java");
        String senderScenarios = text("conformance-suite/src/main/java/org/replkit/conformance/senderverify");
        String brokenReceivers = text("conformance-suite/src/test/java/org/replkit/conformance/selftest/Fault.java");
        List<String> missing = new ArrayList<>();
        for (Requirement r : RequirementCatalogue.get().all()) {
            String id = r.id();
            boolean sender = r.endpoints().contains("sender");
            if (sender) {
                need(missing, id, "a test tagged with it in pg-image", senderTests.contains("@Tag(\"" + id + "\")"));
                need(missing, id, "the sender SQL that enforces it", senderSql.contains(id));
                need(missing, id, "the kit verify-sender scenario that judges it", senderScenarios.contains("return \"" + id + "\";"));
            } else {
                need(missing, id, "its check (@RequirementCheck)", checks.contains("@RequirementCheck(id = \"" + id + "\""));
                need(missing, id, "the reference code that enforces it",
                        receivers.contains(id) || (id.startsWith("E2E") && senderSql.contains(id)));
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
