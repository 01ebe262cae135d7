package org.replkit.sender;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.replkit.spec.ClasspathText;

/** Reads the files this module ships under {@code pg-image/} on the classpath (from a folder or a jar). */
final class ClasspathFiles {

    private ClasspathFiles() {
    }

    /** The names of the files directly in {@code folder} (e.g. "pg-image/sql") ending in suffix, sorted. */
    static List<String> list(String folder, String suffix) {
        URL url = ClasspathFiles.class.getClassLoader().getResource(folder);
        if (url == null) {
            throw new IllegalStateException(folder + " is not on the classpath");
        }
        List<String> names = new ArrayList<>();
        try {
            if ("jar".equals(url.getProtocol())) {
                JarURLConnection connection = (JarURLConnection) url.openConnection();
                connection.setUseCaches(false);
                try (JarFile jar = connection.getJarFile()) {
                    String prefix = folder.endsWith("/") ? folder : folder + "/";
                    jar.stream().map(e -> e.getName())
                            .filter(n -> n.startsWith(prefix) && n.length() > prefix.length())
                            .map(n -> n.substring(prefix.length()))
                            .filter(n -> !n.contains("/") && n.endsWith(suffix))
                            .forEach(names::add);
                }
            } else {
                try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
                    files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(suffix)).forEach(names::add);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        Collections.sort(names);
        return names;
    }

    static String read(String resource) {
        return ClasspathText.read("/" + resource);
    }
}
