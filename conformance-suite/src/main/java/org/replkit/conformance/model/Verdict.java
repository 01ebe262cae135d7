package org.replkit.conformance.model;

import java.util.Locale;

/** The outcome of a requirement (or of one check) for one endpoint. */
public enum Verdict {
    PASS,
    FAIL,
    SKIPPED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
