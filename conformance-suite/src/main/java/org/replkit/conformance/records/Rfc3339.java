package org.replkit.conformance.records;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An RFC 3339 date-time, read field by field so that every boundary is the kit's decision. */
record Rfc3339(int year, int month, int day, boolean lowerCase, int hour, int minute, int second,
               String fraction, int offsetSeconds, boolean zulu) {

    /** The first and last instant a sender's timestamp column may hold (pg-image/sql/V3__only_what_receivers_accept.sql). */
    static final Instant FIRST_SENDABLE = Instant.parse("0002-01-01T00:00:00Z");
    static final Instant LAST_SENDABLE = Instant.parse("9999-12-30T23:59:59Z");

    /** Real-world UTC offsets span -12:00 to +14:00; the sender writes +00:00. */
    private static final int MAX_REAL_OFFSET_HOURS = 14;

    private static final Pattern RFC3339 = Pattern.compile(
            "(\\d{4})-(\\d{2})-(\\d{2})([Tt])(\\d{2}):(\\d{2}):(\\d{2})(\\.\\d+)?([Zz]|([+-])(\\d{2}):(\\d{2}))");

    static Optional<Rfc3339> parse(String text) {
        Matcher m = RFC3339.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        int year = Integer.parseInt(m.group(1));
        int month = Integer.parseInt(m.group(2));
        int day = Integer.parseInt(m.group(3));
        int hour = Integer.parseInt(m.group(5));
        int minute = Integer.parseInt(m.group(6));
        int second = Integer.parseInt(m.group(7));
        int offset = 0;
        boolean zulu = m.group(10) == null;
        if (!zulu) {
            int oh = Integer.parseInt(m.group(11));
            int om = Integer.parseInt(m.group(12));
            if (oh > 23 || om > 59) {
                return Optional.empty();
            }
            offset = (m.group(10).equals("-") ? -1 : 1) * (oh * 3600 + om * 60);
        }
        if (month < 1 || month > 12 || day < 1 || !YearMonth.of(year, month).isValidDay(day)
                || hour > 23 || minute > 59 || second > 60) {
            return Optional.empty();
        }
        boolean lower = m.group(4).equals("t") || m.group(9).equals("z");
        String fraction = m.group(8) == null ? "" : m.group(8).substring(1);
        return Optional.of(new Rfc3339(year, month, day, lower, hour, minute, second, fraction, offset, zulu));
    }

    Instant instant() {
        long nanos = fraction.isEmpty() ? 0 : Long.parseLong((fraction + "00000000").substring(0, 9));
        return LocalDateTime.of(year, month, day, hour, minute, Math.min(second, 59), (int) nanos)
                .toInstant(ZoneOffset.ofTotalSeconds(Math.max(-18 * 3600, Math.min(18 * 3600, offsetSeconds))))
                .plusSeconds(second == 60 ? 1 : 0);
    }

    /** Why the sender would never write this timestamp, or null. */
    String unsendable() {
        if (second == 60) {
            return "a leap second; the sender's timestamptz never writes one";
        }
        if (lowerCase) {
            return "a lower-case 't' or 'z', which RFC 3339 allows and the sender never writes";
        }
        if (fraction.length() > 6) {
            return "finer than the microseconds a timestamptz holds";
        }
        if (Math.abs(offsetSeconds) > MAX_REAL_OFFSET_HOURS * 3600) {
            return "an offset no time zone has";
        }
        Instant at = instant();
        if (at.isBefore(FIRST_SENDABLE) || at.isAfter(LAST_SENDABLE)) {
            return "outside " + FIRST_SENDABLE + " to " + LAST_SENDABLE + ", the times the sender's CHECK constraints"
                    + " hold (pg-image V3: every offset writes them as RFC 3339)";
        }
        return null;
    }
}
