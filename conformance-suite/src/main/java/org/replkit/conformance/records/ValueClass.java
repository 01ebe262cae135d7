package org.replkit.conformance.records;

/**
 * What a value, a record or a whole request is to the contract, and the one requirement that owns
 * the answer to it:
 * <ul>
 *   <li>{@link Kind#SENDABLE}: valid against the record schema and representable in the sender's
 *       columns, so the sender can actually send it. Refusing it loses a record: its owner is an
 *       acceptance rule (SYNC-ACCEPT-01, MUST; SYNC-ACCEPT-02 when unknown fields come along;
 *       SYNC-HDR-04 when the X-Sync-* headers are absent).</li>
 *   <li>{@link Kind#ALLOWED}: the schema allows it (or no catalogue rule forbids it) but the sender
 *       cannot send it (a NUL in text, a lone surrogate, a double beyond 1.8e308). A receiver may
 *       accept or refuse it; no rule owns either answer.</li>
 *   <li>{@link Kind#INVALID}: a client mistake, owned by the rule that says it must be refused
 *       (SYNC-VAL-01..03, PAT-VAL-01/02, MET-VAL-01/02, SYNC-ERR-02/04/05, SYNC-HDR-01..03).</li>
 * </ul>
 * Whatever the class, a 5xx or a dropped connection on a client's mistake is SYNC-ERR-07's.
 *
 * @param requirementId the owner; null for {@link Kind#ALLOWED}
 * @param reason        what makes it so, naming the field
 */
public record ValueClass(Kind kind, String requirementId, String reason) {

    public enum Kind { SENDABLE, ALLOWED, INVALID }

    public static final String ACCEPT = "SYNC-ACCEPT-01";

    public static ValueClass sendable(String requirementId, String reason) {
        return new ValueClass(Kind.SENDABLE, requirementId, reason);
    }

    public static ValueClass sendable() {
        return sendable(ACCEPT, "valid, and the sender can send it");
    }

    public static ValueClass allowed(String reason) {
        return new ValueClass(Kind.ALLOWED, null, reason);
    }

    public static ValueClass invalid(String requirementId, String reason) {
        return new ValueClass(Kind.INVALID, requirementId, reason);
    }

    public boolean isSendable() {
        return kind == Kind.SENDABLE;
    }

    public boolean isAllowed() {
        return kind == Kind.ALLOWED;
    }

    public boolean isInvalid() {
        return kind == Kind.INVALID;
    }

    @Override
    public String toString() {
        return kind + (requirementId == null ? "" : " " + requirementId) + ": " + reason;
    }
}
