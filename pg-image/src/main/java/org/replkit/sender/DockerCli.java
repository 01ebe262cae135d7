package org.replkit.sender;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The docker command line, for building the sender image and for containers that outlive the JVM. */
final class DockerCli {

    private DockerCli() {
    }

    /** Runs docker with the arguments; returns its output, or throws with it when docker fails. */
    static String run(String... args) {
        return run(30, args);
    }

    static String run(int limitMinutes, String... args) {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        Path output = null;
        try {
            // Output to a file, not a pipe read to its end, so that the time limit holds for a hung docker.
            output = Files.createTempFile("kit-docker", ".out");
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
            pb.environment().put("DOCKER_BUILDKIT", "0"); // the legacy builder: no BuildKit on Debian's docker.io
            int exit = Sh.waitFor(pb.start(), limitMinutes, TimeUnit.MINUTES);
            String out = Files.readString(output, StandardCharsets.UTF_8);
            if (exit != 0) {
                throw new IllegalStateException(String.join(" ", command.subList(0, 2))
                        + (exit == -1 ? " did not finish in " + limitMinutes + " minutes" : " failed") + ":\n" + out.strip());
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (output != null) {
                try {
                    Files.deleteIfExists(output);
                } catch (IOException ignored) {
                    // a temporary file left in /tmp
                }
            }
        }
    }

    /** True when the engine has an image of that name. */
    static boolean hasImage(String image) {
        return succeeds("image", "inspect", "--format", "{{.Id}}", image);
    }

    /** True when the docker command answers and reaches an engine. */
    static boolean engineAnswers() {
        return Sh.onPath("docker") && succeeds("version", "--format", "{{.Server.Version}}");
    }

    /** True when docker, run with these arguments, ends well within a minute. */
    private static boolean succeeds(String... args) {
        try {
            run(1, args);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
