package org.replkit.conformance.report;

/** Text from a receiver made fit for a page: escaping for the badge's SVG, and control characters shown as codes. */
public final class Html {

    private Html() {}

    /** For the badge's SVG, which no template makes: the five XML specials as entities, control characters as codes. */
    public static String escape(String s) {
        String v = visible(s);
        StringBuilder b = new StringBuilder(v.length() + 16);
        for (char c : v.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /**
     * Control characters a receiver may answer with are not allowed in HTML: shown as a backslash-u
     * code. Templates escape the rest.
     */
    public static String visible(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            if (c < 0x20 && c != '\n' && c != '\t' && c != '\r' || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
