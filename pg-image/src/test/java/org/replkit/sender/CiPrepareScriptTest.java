package org.replkit.sender;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * bin/ci-prepare.sh makes the root filesystem ahead of the tests under the same cache key as
 * DebianRootFs; if the two drifted apart, CI would prepare a filesystem the tests never look up.
 */
class CiPrepareScriptTest {

    @Test
    void theScriptComputesTheSameCacheKeyAsTheLauncher() throws Exception {
        List<String> lines = Files.readAllLines(Path.of("bin", "ci-prepare.sh"));
        String packages = lines.stream().filter(l -> l.startsWith("packages=")).findFirst().orElseThrow();
        String key = lines.stream().filter(l -> l.startsWith("key=")).findFirst().orElseThrow();
        Process bash = new ProcessBuilder("bash", "-c", packages + "\n" + key + "\nprintf '%s' \"$key\"")
                .redirectErrorStream(true).start();
        String scriptKey = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, bash.waitFor());
        assertEquals(DebianRootFs.key(), scriptKey);
    }

    /** The base image the script imports is the one DockerImage builds the sender image from. */
    @Test
    void theScriptImportsTheBaseImageTheDockerBuildLooksFor() throws Exception {
        String line = Files.readAllLines(Path.of("bin", "ci-prepare.sh")).stream()
                .filter(l -> l.startsWith("base_image=")).findFirst().orElseThrow();
        assertEquals("base_image=\"" + DockerImage.LOCAL_BASE + "\"", line);
    }
}
