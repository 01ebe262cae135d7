package org.replkit.spec;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What the kit found, in the vocabulary of W3C EARL (https://www.w3.org/TR/EARL10-Schema/#OutcomeValue):
 * a verdict says only what was observed. Every command uses it: a requirement's outcome in
 * {@code kit verify}, a property's in {@code kit chaos}, an assertion's in {@code kit load}, and
 * each command's overall verdict. The report files write it by its EARL name (spec/schemas/earl-outcome.schema.json).
 */
public enum Outcome {
    /** The receiver was seen keeping the rule. */
    PASSED("passed"),
    /** The receiver was seen breaking the rule; the evidence shows how. */
    FAILED("failed"),
    /**
     * The kit could not observe what the rule needs: the answer does not show it (no count in the
     * ack), another requirement blocks it, or the kit's own machinery failed. Never the receiver's fault.
     */
    CANT_TELL("cantTell"),
    /**
     * The rule could not apply: its endpoint, token or sender database was not given, it was not
     * selected, or the receiver gave nothing it is about (no refusal for a rule on how refusals look).
     */
    INAPPLICABLE("inapplicable");

    private final String label;

    Outcome(String label) {
        this.label = label;
    }

    /** EARL's name: passed, failed, cantTell, inapplicable; also how JSON writes it. */
    @JsonValue
    public String label() {
        return label;
    }

    /** True for passed and failed: the rule was judged. */
    public boolean judged() {
        return this == PASSED || this == FAILED;
    }

    /** The outcome of several checks or endpoints together: failed beats cantTell beats passed beats inapplicable. */
    public static Outcome worse(Outcome a, Outcome b) {
        return a.rank() >= b.rank() ? a : b;
    }

    private int rank() {
        return switch (this) {
            case FAILED -> 3;
            case CANT_TELL -> 2;
            case PASSED -> 1;
            case INAPPLICABLE -> 0;
        };
    }
}
