package org.replkit.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The packages depend one way: the model and the HTTP client know nothing of checks, runs or
 * reports; the checks know nothing of the runner or the reports. A package cycle is a failure here.
 */
class PackageLayersTest {

    static final Path MAIN = Paths.get("src/main/java/org/replkit/conformance");

    /** Each package and the packages of this module it must not import. */
    static final Map<String, List<String>> MUST_NOT_IMPORT = Map.of(
            "model", List.of("http", "checks", "run", "report", "records", "junit", "fuzz"),
            "http", List.of("checks", "run", "report", "records", "junit", "fuzz"),
            "records", List.of("checks", "run", "report", "junit", "fuzz"),
            "checks", List.of("run", "report", "junit", "fuzz"),
            "senderverify", List.of("checks", "junit", "fuzz"));

    @Test
    void packagesDependOneWay() throws IOException {
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, List<String>> rule : MUST_NOT_IMPORT.entrySet()) {
            try (Stream<Path> files = Files.walk(MAIN.resolve(rule.getKey()))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    for (String line : Files.readAllLines(f)) {
                        for (String other : rule.getValue()) {
                            if (line.startsWith("import org.replkit.conformance." + other + ".")) {
                                wrong.add(MAIN.relativize(f) + ": " + line);
                            }
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), wrong);
    }
}
