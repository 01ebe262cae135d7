package org.replkit.load;

import java.util.Map;

/**
 * The command that repeats a load run: {@code ./kit load --profile P} with each option the run set.
 * A JDBC URL can hold a password, so the rerun names it by a variable the reader sets.
 */
final class LoadRerun {

    private LoadRerun() {
    }

    static String command(LoadProfile profile, Map<LoadProperty, String> settings) {
        StringBuilder b = new StringBuilder("./kit load --profile ").append(profile.id());
        settings.forEach((property, value) -> {
            b.append(' ').append(property.optionName()).append(' ');
            switch (property) {
                case DB_URL -> b.append("\"$KIT_DB_URL\"");
                case SENDER_DB_URL -> b.append("\"$KIT_SENDER_DB_URL\"");
                default -> b.append(value);
            }
        });
        return b.toString();
    }
}
