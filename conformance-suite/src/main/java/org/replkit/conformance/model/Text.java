package org.replkit.conformance.model;

/** Small text helpers the commands and reports share. */
public final class Text {

    private Text() {
    }

    /** The first line of a message (an exception's, a database's), or "" for none. */
    public static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }
}
