package org.replkit.chaos.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;

/** html-validate with the project's rules (tools/htmlvalidate.json, the "recommended" preset), as installed by tools/bin/ci-prepare.sh. */
public final class HtmlValidate {

    private static final Path TOOLS = Paths.get("..", "tools").toAbsolutePath().normalize();

    private HtmlValidate() {
    }

    public static void assertValid(Path page) throws Exception {
        Path bin = TOOLS.resolve("node_modules").resolve(".bin").resolve("html-validate");
        assertTrue(Files.isExecutable(bin), "html-validate is not installed: run tools/bin/ci-prepare.sh");
        Process p = new ProcessBuilder(bin.toString(), "--config", TOOLS.resolve("htmlvalidate.json").toString(), page.toString())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "html-validate did not end");
        assertEquals(0, p.exitValue(), page + "\n" + output);
    }
}
