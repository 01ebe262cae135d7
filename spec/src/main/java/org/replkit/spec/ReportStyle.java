package org.replkit.spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The one stylesheet of the kit's HTML pages (report.css beside this class). Each page carries it
 * in its head, so a page stays one self-contained file that can be mailed or archived by CI.
 */
public final class ReportStyle {

    private static final String CSS = read();

    private ReportStyle() {
    }

    public static String css() {
        return CSS;
    }

    private static String read() {
        try (InputStream in = ReportStyle.class.getResourceAsStream("report.css")) {
            if (in == null) {
                throw new IllegalStateException("report.css is not on the classpath beside ReportStyle");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
