package org.replkit.conformance.fuzz;

import java.util.Optional;
import java.util.function.Function;

/**
 * Makes a finding's request as small as it can while the finding persists: drops replaced fields,
 * flipped bytes and optional fields of the base record one at a time, keeping each drop after
 * which the receiver still answers with the same sort of trouble. The unchanged case is sent first,
 * so a finding that does not repeat is said to be so. Bounded by a number of requests and a deadline.
 */
final class Minimiser {

    /** The outcome: the smallest case that still shows the finding, and how it went. */
    record Outcome(Finding finding, boolean repeated, int requests) {}

    private final Function<FuzzCase, Optional<Finding>> probe;
    private final int maxRequests;
    private final long deadlineNanos;
    private int requests;

    /**
     * @param probe sends a case (with a fresh record id where the case allows) and judges the answer
     */
    Minimiser(Function<FuzzCase, Optional<Finding>> probe, int maxRequests, long deadlineNanos) {
        this.probe = probe;
        this.maxRequests = maxRequests;
        this.deadlineNanos = deadlineNanos;
    }

    Outcome minimise(Finding found) {
        requests = 0;
        Optional<Finding> again = persists(found, found.fuzzCase());
        if (again.isEmpty()) {
            return new Outcome(found, false, requests);
        }
        Finding best = again.get();
        boolean changed = true;
        while (changed && budgetLeft()) {
            changed = false;
            for (int i = best.fuzzCase().replacements().size() - 1; i >= 0 && budgetLeft(); i--) {
                Optional<Finding> smaller = persists(found, best.fuzzCase().withoutReplacement(i));
                if (smaller.isPresent()) {
                    best = smaller.get();
                    changed = true;
                }
            }
            if (best.fuzzCase().mutation() instanceof Mutation.Flips flips) {
                for (int i = flips.flips().size() - 1; i >= 0 && flips.flips().size() > 1 && budgetLeft(); i--) {
                    Optional<Finding> smaller = persists(found, best.fuzzCase().withMutation(flips.without(i)));
                    if (smaller.isPresent()) {
                        best = smaller.get();
                        flips = (Mutation.Flips) best.fuzzCase().mutation();
                        changed = true;
                    }
                }
            }
            for (String field : best.fuzzCase().droppableFields()) {
                if (!budgetLeft()) {
                    break;
                }
                Optional<Finding> smaller = persists(found, best.fuzzCase().withoutField(field));
                if (smaller.isPresent()) {
                    best = smaller.get();
                    changed = true;
                }
            }
        }
        return new Outcome(best, true, requests);
    }

    /** The candidate's finding, when it is the same sort of trouble as the original's. */
    private Optional<Finding> persists(Finding original, FuzzCase candidate) {
        requests++;
        return probe.apply(candidate).filter(f -> f.kind() == original.kind());
    }

    private boolean budgetLeft() {
        return requests < maxRequests && System.nanoTime() < deadlineNanos;
    }
}
