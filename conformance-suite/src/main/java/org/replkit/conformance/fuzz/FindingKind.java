package org.replkit.conformance.fuzz;

/** The sorts of trouble a campaign reports; each finding is one of them, judged by one requirement. */
public enum FindingKind {
    SERVER_ERROR("5xx", "answered with a 5xx"),
    NO_ANSWER("crash", "no answer: the connection was closed or reset"),
    ACCEPTED_INVALID("2xx for invalid", "acknowledged a request that must be refused"),
    REFUSED_SENDABLE("refused sendable", "refused a record the sender can send"),
    OTHER_STATUS("other status", "answered neither 2xx nor a refusal the contract names (400, 413, 415)"),
    TOO_SLOW("slow", "answered after the sender's 5 s timeout, or not within the kit's wait");

    private final String label;
    private final String title;

    FindingKind(String label, String title) {
        this.label = label;
        this.title = title;
    }

    /** Short, for tables: "5xx", "crash". */
    public String label() {
        return label;
    }

    public String title() {
        return title;
    }
}
