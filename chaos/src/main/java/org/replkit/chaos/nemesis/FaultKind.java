package org.replkit.chaos.nemesis;

import java.util.Arrays;
import java.util.Locale;

/** The faults the nemesis can apply, by the names the command line, the history and the report use. */
public enum FaultKind {

    LATENCY("latency", "requests held longer than the sender's timeout, then delivered late"),
    LOST_ACK("lost-ack", "the receiver stores and answers, the sender's connection is reset before the answer"),
    BLACK_HOLE("black-hole", "connections accepted, requests never answered nor forwarded"),
    UNAVAILABLE("503", "503 answered in the receiver's place"),
    RECEIVER_KILL("receiver-kill", "the receiver process killed (SIGKILL) and started again"),
    SENDER_CRASH("sender-crash", "the sender's PostgreSQL stopped with pg_ctl -m immediate and started again"),
    LONG_OUTAGE("long-outage", "every connection reset at once, for 4 to 12 times the sender's whole retry schedule"),
    OVERLOAD("overload", "429 with Retry-After answered in the receiver's place"),
    GONE("gone", "410 Gone from one instance, from its start to the end of the run");

    private final String label;
    private final String description;

    FaultKind(String label, String description) {
        this.label = label;
        this.description = description;
    }

    public String label() {
        return label;
    }

    public String description() {
        return description;
    }

    /** True for the faults the proxy applies to one receiver instance's traffic. */
    public boolean onTheWire() {
        return this == LATENCY || this == LOST_ACK || this == BLACK_HOLE || this == UNAVAILABLE
                || this == LONG_OUTAGE || this == OVERLOAD || this == GONE;
    }

    /**
     * True for the faults a sender that keeps the spec's retry schedule literally (outage_policy
     * 'fail') cannot ride out: they outlast or refuse its retries by design.
     */
    public boolean outlastsTheRetrySchedule() {
        return this == LONG_OUTAGE || this == OVERLOAD || this == GONE;
    }

    public static FaultKind of(String label) {
        String wanted = label.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(k -> k.label.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown fault '" + label + "'; known: "
                        + String.join(", ", Arrays.stream(values()).map(FaultKind::label).toList())));
    }

    @Override
    public String toString() {
        return label;
    }
}
