package org.replkit.chaos.history;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Timestamps as PostgreSQL's to_jsonb and the receivers write them (RFC 3339, any offset). */
public final class Times {

    private Times() {
    }

    public static Instant parse(String text) {
        try {
            return OffsetDateTime.parse(text.replace(' ', 'T'), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return Instant.parse(text);
        }
    }
}
