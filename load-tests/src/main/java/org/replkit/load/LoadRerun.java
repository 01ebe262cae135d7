package org.replkit.load;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The command that repeats a load run: {@code ./kit load --profile P} with each option the run set.
 * A JDBC URL can hold a password, so the rerun names it by a variable the reader sets.
 */
final class LoadRerun {

    private static final Pattern CAMEL_HUMP = Pattern.compile("([a-z0-9])([A-Z])");

    private LoadRerun() {
    }

    static String command(LoadProfile profile, Map<LoadProperty, String> settings) {
        StringBuilder b = new StringBuilder("./kit load --profile ").append(profile.id());
        settings.forEach((property, value) -> {
            b.append(' ').append(option(property)).append(' ');
            switch (property) {
                case DB_URL -> b.append("\"$KIT_DB_URL\"");
                case SENDER_DB_URL -> b.append("\"$KIT_SENDER_DB_URL\"");
                default -> b.append(value);
            }
        });
        return b.toString();
    }

    /** load.cadenceMs is --cadence-ms, as LoadCommand names its options. */
    static String option(LoadProperty property) {
        String name = property.key().substring("load.".length());
        Matcher m = CAMEL_HUMP.matcher(name);
        return "--" + m.replaceAll("$1-$2").toLowerCase(java.util.Locale.ROOT);
    }
}
