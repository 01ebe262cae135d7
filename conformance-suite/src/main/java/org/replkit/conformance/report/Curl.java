package org.replkit.conformance.report;

import java.util.Map;
import org.replkit.conformance.http.Redactor;
import org.replkit.conformance.model.Exchange;

/**
 * A copy-paste curl line that repeats one exchange. Tokens appear as {@code "$KIT_TOKEN"} and
 * {@code "$KIT_ADMIN_TOKEN"}, for the reader to set; a body that a shell line cannot carry (long, or
 * not UTF-8 text) is read from a file next to the report.
 */
public final class Curl {

    private Curl() {}

    /**
     * @param bodyFile the body's file relative to the report folder, or null to put the body on the line
     */
    public static String line(Exchange e, String bodyFile) {
        StringBuilder b = new StringBuilder("curl -sS -i -X ").append(e.method()).append(' ').append(quote(e.url()));
        boolean contentType = false;
        for (Map.Entry<String, String> h : e.requestHeaders().entrySet()) {
            contentType |= h.getKey().equalsIgnoreCase("Content-Type");
            b.append(" -H ").append(quote(h.getKey() + ": " + h.getValue()));
        }
        if (e.method().equals("POST")) {
            if (!contentType) {
                b.append(" -H 'Content-Type:'"); // curl would add a form content type of its own
            }
            if (bodyFile != null) {
                b.append(" --data-binary @").append(bodyFile);
            } else {
                b.append(" --data-binary ").append(quote(new String(e.requestBody(), java.nio.charset.StandardCharsets.UTF_8)));
            }
        }
        return b.toString();
    }

    /** True when the body goes on the line itself. */
    public static boolean inline(Exchange e) {
        return e.requestBody().length <= Exchange.BODY_LIMIT && e.requestIsPlainText();
    }

    /** Single quotes, except around the token variables, which the shell must expand. */
    static String quote(String s) {
        if (s.contains(Redactor.TOKEN_VAR) || s.contains(Redactor.ADMIN_TOKEN_VAR)) {
            String escaped = s.replace("\\", "\\\\").replace("\"", "\\\"").replace("`", "\\`").replace("$", "\\$")
                    .replace("\\" + Redactor.TOKEN_VAR, Redactor.TOKEN_VAR)
                    .replace("\\" + Redactor.ADMIN_TOKEN_VAR, Redactor.ADMIN_TOKEN_VAR);
            return "\"" + escaped + "\"";
        }
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
