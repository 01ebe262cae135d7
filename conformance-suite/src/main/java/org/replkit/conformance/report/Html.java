package org.replkit.conformance.report;

import java.util.Locale;

/** Text from a receiver made fit for a page or junit.xml: control characters shown as codes (templates escape the rest). */
public final class Html {

    private Html() {}

    /**
     * Characters a receiver may answer with that neither HTML shows nor XML 1.0 carries (controls,
     * lone surrogates, U+FFFE/U+FFFF) as a backslash-u code. Templates escape the rest.
     */
    public static String visible(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(c -> {
            if (shown(c)) {
                b.appendCodePoint(c);
            } else {
                b.append(String.format(Locale.ROOT, "\\u%04x", c));
            }
        });
        return b.toString();
    }

    private static boolean shown(int c) {
        return c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c < 0x7f) || (c >= 0xa0 && c <= 0xd7ff)
                || (c >= 0xe000 && c <= 0xfffd) || c >= 0x10000;
    }
}
