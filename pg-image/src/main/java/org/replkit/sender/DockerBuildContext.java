package org.replkit.sender;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/** The Docker build context of pg-image/Dockerfile (Dockerfile and docker/), as shipped on the classpath. */
final class DockerBuildContext {

    private DockerBuildContext() {
    }

    /** Paths inside the context, each with its classpath resource. */
    static List<String[]> files() {
        List<String[]> files = new ArrayList<>();
        files.add(new String[] {"Dockerfile", "pg-image/Dockerfile"});
        for (String name : ClasspathFiles.list("pg-image/docker", ".sh")) {
            files.add(new String[] {"docker/" + name, "pg-image/docker/" + name});
        }
        return files;
    }

    /** Writes the context into a new temporary folder, for the docker command line. */
    static Path writeToTempDir() {
        try {
            Path dir = Files.createTempDirectory("replkit-sender-docker");
            for (String[] f : files()) {
                Path target = dir.resolve(f[0]);
                Files.createDirectories(target.getParent());
                Files.writeString(target, ClasspathFiles.read(f[1]));
                if (f[0].endsWith(".sh")) {
                    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
