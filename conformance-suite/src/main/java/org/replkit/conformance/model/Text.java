package org.replkit.conformance.model;

/** Small text helpers the commands and reports share. */
public final class Text {

    private Text() {
    }

    /** The first line of a message (an exception's, a database's), or "" for none. */
    public static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }

    /** For a one-line summary: the first line, marked " …" when more follow, cut to {@code max} characters. */
    public static String firstLine(String s, int max) {
        String line = firstLine(s) + (s != null && s.lines().count() > 1 ? " …" : "");
        return line.length() > max ? line.substring(0, max - 3) + "..." : line;
    }
}
