package org.replkit.conformance.run;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.replkit.spec.CouldNotRun;

/** Durations as people type them on a command line: 90s, 10m, 1h, or ISO-8601 (PT10M). */
public final class Durations {

    private static final Pattern SHORT = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

    private Durations() {}

    /** The duration given for the option, or a one-line usage error. */
    public static Duration require(String option, String text) {
        return parse(text).orElseThrow(() -> new CouldNotRun(option + " must be a duration like 90s, 10m or 1h, not " + text));
    }

    public static Optional<Duration> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        Matcher m = SHORT.matcher(t);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            Duration d = switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            };
            return d.isZero() ? Optional.empty() : Optional.of(d);
        }
        try {
            Duration d = Duration.parse(text.trim().toUpperCase(Locale.ROOT));
            return d.isNegative() || d.isZero() ? Optional.empty() : Optional.of(d);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
