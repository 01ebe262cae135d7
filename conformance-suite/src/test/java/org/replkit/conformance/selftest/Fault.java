package org.replkit.conformance.selftest;

import java.util.List;

/**
 * One deliberate way for a receiver to break the contract, and the requirements the suite must then
 * fail (in the strict profile, so SHOULDs too). Each fault breaks one rule; where a rule is
 * observable only through another (a lost write also makes the count wrong), every requirement it
 * must fail is listed.
 */
public enum Fault {
    NOT_IDEMPOTENT("stores every delivery as a new row", "SYNC-IDEM-01"),
    REJECTS_REPEATED_INSERT("answers 409 to an INSERT of a known id, so a retry after a lost answer fails", "SYNC-IDEM-05"),
    IGNORES_UPDATES("keeps the first snapshot of a record for ever", "SYNC-IDEM-02"),
    STALE_OVERWRITE("lets the last delivery win, even an older snapshot", "SYNC-IDEM-03"),
    RACY_UPSERT("checks for the id and inserts without a lock", "SYNC-IDEM-04"),
    COMPARES_TIMESTAMPS_AS_TEXT("orders snapshots by the text of updated_at, not by the instant", "SYNC-IDEM-06"),
    LOSES_EVERY_7TH_WRITE("answers 200 but drops every 7th new record", "SYNC-COUNT-01"),
    WRONG_ACK("writes synced_at in local time without offset and the count as text", "PAT-ACK-01", "MET-ACK-01"),
    REJECTS_NULL_OPTIONALS("answers 400 when an optional field is null", "SYNC-ACCEPT-01"),
    REJECTS_EXTRA_FIELDS("answers 400 to fields it does not know", "SYNC-ACCEPT-02"),
    IGNORES_RECORD_ID_HEADER("stores the body even when X-Sync-Record-Id names another record", "SYNC-HDR-01"),
    IGNORES_TABLE_HEADER("stores records sent for another table", "SYNC-HDR-02"),
    ACCEPTS_ANY_EVENT_TYPE("stores records whatever X-Sync-Event-Type says", "SYNC-HDR-03"),
    STORES_BEFORE_CHECKING_HEADERS("stores the record before it checks the X-Sync-* headers, then answers 400, "
            + "and answers 409 to an INSERT of a known id", "SYNC-HDR-01", "SYNC-HDR-02", "SYNC-HDR-03"),
    REQUIRES_SYNC_HEADERS("answers 400 when the X-Sync-* headers are absent", "SYNC-HDR-04"),
    ACCEPTS_INVALID("answers 200 to an invalid record and stores it", "SYNC-VAL-01"),
    DEFAULTS_UPDATED_AT("stores a record without a valid updated_at, stamped with the current time", "SYNC-VAL-02"),
    COERCES_TYPES("stores fields of the wrong type as they come", "SYNC-VAL-03"),
    LENIENT_REQUIRED("accepts records missing required fields other than id and updated_at",
            "PAT-VAL-01", "MET-VAL-01"),
    LENIENT_RANGES("accepts values out of range", "PAT-VAL-02", "MET-VAL-02"),
    ERROR_500_ON_BAD_JSON("answers 500 to a body that is not JSON", "SYNC-ERR-07"),
    MALFORMED_JSON_422("answers 422 to a body that is not JSON", "SYNC-ERR-07"),
    ACCEPTS_MALFORMED_JSON("answers 200 to a body that is not a JSON object, and stores nothing", "SYNC-ERR-02"),
    ERROR_500_ON_OVERFLOW("answers 500 when an integer field holds a number beyond 64 bits", "SYNC-ERR-07"),
    DROPS_CONNECTION_ON_DEEP_NESTING("dies mid-answer, dropping the connection, on a body nested deeper than its JSON parser allows",
            "SYNC-ERR-07"),
    PLAIN_TEXT_ERRORS("answers 400 with a plain text body", "SYNC-ERR-03"),
    ACCEPTS_ANY_CONTENT_TYPE("parses the body whatever its content type", "SYNC-ERR-04"),
    NO_SIZE_LIMIT("reads bodies of any size", "SYNC-ERR-05"),
    SMALL_SIZE_LIMIT("refuses bodies over 16 KiB with 413, so a long description the sender can send is lost",
            "SYNC-ACCEPT-01"),
    LEAKS_STACK_TRACE("puts the exception and its stack trace in error answers", "SYNC-ERR-06"),
    SLOW_LARGE_RECORDS("takes 5.5 s over a record larger than 64 KiB", "SYNC-TIME-01"),
    SLOW_UNDER_CONTENTION("handles one delivery at a time, 40 ms each", "SYNC-TIME-02"),
    QUEUES_PAST_THE_TIMEOUT("handles one delivery at a time, 50 ms each, and lets a burst wait in line past the timeout "
            + "instead of shedding it", "SYNC-SHED-01"),
    SHEDS_WITHOUT_RETRY_AFTER("handles one delivery at a time, 50 ms each, and answers 503 without Retry-After to a "
            + "delivery that finds 5 in line", "SYNC-SHED-01"),
    SLOW_EVERY_DELIVERY("takes 1.5 s over every delivery, longer than a sender with a 1 s timeout waits", "E2E-01"),
    REFUSES_EVERY_TOKEN("answers 401 even to the right bearer token", "SYNC-AUTH-01", "SYNC-ACCEPT-01"),
    IGNORES_TOKEN("accepts deliveries without the bearer token", "SYNC-AUTH-01"),
    IGNORES_SIGNATURES("has a signing secret and stores deliveries whatever their signature, or none",
            "SIG-REQ-01", "SIG-KEY-01", "SIG-BODY-01", "SIG-TIME-01"),
    NO_REPLAY_WINDOW("never looks at webhook-timestamp's age, so a captured delivery replays for ever", "SIG-TIME-01"),
    FIRST_SIGNATURE_ONLY("checks only the first signature of webhook-signature, so a rotation's deliveries are refused",
            "SIG-ROT-01"),
    RESERIALISES_BEFORE_VERIFYING("checks the signature over its own compact re-serialisation of the body, "
            + "so the sender's jsonb text never verifies", "SIG-BYTES-01"),
    STATUS_WITHOUT_AUTH("answers the status endpoint without the admin token", "STAT-AUTH-01"),
    STATUS_WRONG_SHAPE("writes the queue figures as text", "STAT-SCHEMA-01"),
    STATUS_FIGURES_DISAGREE("reports a total that is not pending + success + failed", "STAT-FIG-01");

    private final String description;
    private final List<String> breaks;

    Fault(String description, String... breaks) {
        this.description = description;
        this.breaks = List.of(breaks);
    }

    public String description() {
        return description;
    }

    /** The requirements the suite must fail against a receiver with this fault. */
    public List<String> breaks() {
        return breaks;
    }
}
