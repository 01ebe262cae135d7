package org.replkit.conformance.checks.support;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.replkit.conformance.model.CannotTell;
import org.replkit.conformance.model.Exchange;

/**
 * The parts of a check that could not be observed. A check goes on past them, since a later part
 * may still show a failure; at its end it cannot tell if anything was unobserved and nothing failed.
 */
public final class Unobserved {

    private final Set<String> reasons = new LinkedHashSet<>();
    private final List<Exchange> evidence = new ArrayList<>();
    private String blockedBy;

    /** Runs one part of a check; if it cannot tell, notes why and goes on. */
    public void part(Runnable part) {
        try {
            part.run();
        } catch (CannotTell e) {
            note(e);
        }
    }

    public void note(CannotTell e) {
        reasons.add(e.getMessage());
        if (blockedBy == null) {
            blockedBy = e.blockedBy();
        }
        if (evidence.size() < 3) {
            evidence.addAll(e.evidence().subList(0, Math.min(e.evidence().size(), 3 - evidence.size())));
        }
    }

    /** Ends the check as cantTell when something could not be observed. */
    public void finish() {
        if (reasons.isEmpty()) {
            return;
        }
        List<String> shown = new ArrayList<>(reasons);
        String text = shown.size() == 1 ? shown.get(0)
                : shown.get(0) + " (and " + (shown.size() - 1) + " more part" + (shown.size() > 2 ? "s" : "")
                + " not seen: " + String.join("; ", shown.subList(1, Math.min(shown.size(), 4))) + ")";
        throw new CannotTell(text, blockedBy, evidence);
    }
}
