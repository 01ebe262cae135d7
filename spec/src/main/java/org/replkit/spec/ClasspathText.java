package org.replkit.spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The kit's own files on the classpath (schemas, catalogue, examples, stylesheet, SQL), read whole as UTF-8. */
public final class ClasspathText {

    private ClasspathText() {
    }

    /** @param resource an absolute resource path, e.g. /replication-spec/requirements.yaml; a missing one is a broken build */
    public static String read(String resource) {
        try (InputStream in = ClasspathText.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
