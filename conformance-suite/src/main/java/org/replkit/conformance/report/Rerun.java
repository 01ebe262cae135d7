package org.replkit.conformance.report;

import java.util.List;
import java.util.Map;
import org.replkit.conformance.model.ConformanceResult;

/** The command that repeats a run, or part of it, with the same generated examples. */
public final class Rerun {

    private Rerun() {}

    /** {@code ./kit verify --profile core --seed N [URLs] [--only IDS]}; tokens as the variables the reader sets. */
    public static String command(ConformanceResult r, List<String> only) {
        if (r.targets().containsKey(Badge.SENDER_TARGET)) {
            // A sender run: the database URL may hold a password, so the reader supplies it.
            return "./kit verify-sender --profile " + r.profile().label() + " --timing " + r.targets().get("timing")
                    + " --sender-db-url \"$KIT_SENDER_DB_URL\"";
        }
        StringBuilder b = new StringBuilder("./kit verify --profile ").append(r.profile().label())
                .append(" --seed ").append(r.seed());
        Map<String, String> t = r.targets();
        boolean embedded = t.containsKey("receivers");
        if (!embedded) {
            url(b, "--patterns-url", t.get("patterns"));
            url(b, "--metrics-url", t.get("metrics"));
            url(b, "--status-url", t.get("status"));
        }
        if ("given".equals(t.get("token")) && !embedded) {
            b.append(" --token \"$KIT_TOKEN\"");
        }
        if ("given".equals(t.get("admin-token"))) {
            b.append(" --admin-token \"$KIT_ADMIN_TOKEN\"");
        }
        if (!only.isEmpty()) {
            b.append(" --only ").append(String.join(",", only));
        }
        return b.toString();
    }

    private static void url(StringBuilder b, String option, String value) {
        if (value != null && value.startsWith("http")) {
            b.append(' ').append(option).append(' ').append(value);
        }
    }
}
