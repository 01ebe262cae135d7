package org.replkit.spec;

/**
 * The one stylesheet of the kit's HTML pages (report.css beside this class). Each page carries it
 * in its head, so a page stays one self-contained file that can be mailed or archived by CI.
 */
public final class ReportStyle {

    private static final String CSS = ClasspathText.read("/org/replkit/spec/report.css");

    private ReportStyle() {
    }

    public static String css() {
        return CSS;
    }
}
