package org.replkit.conformance.model;

import java.util.List;
import org.replkit.spec.Outcome;

/**
 * Thrown where a check cannot observe what its rule needs: the outcome is {@link Outcome#CANT_TELL},
 * never a failure. Says why, and names the requirement that blocks it when there is one.
 */
public final class CannotTell extends RuntimeException {

    private final String blockedBy;
    private final transient List<Exchange> evidence;

    public CannotTell(String reason) {
        this(reason, null, List.of());
    }

    /** @param blockedBy the requirement whose failure or rule keeps this one from being judged, or null */
    public CannotTell(String reason, String blockedBy, List<Exchange> evidence) {
        super(reason, null, false, false);
        this.blockedBy = blockedBy;
        this.evidence = List.copyOf(evidence);
    }

    public String blockedBy() {
        return blockedBy;
    }

    public List<Exchange> evidence() {
        return evidence;
    }
}
