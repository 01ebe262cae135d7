package org.replkit.conformance.checks;

import java.util.List;

/** The check classes kit verify runs, one per family of the catalogue, in catalogue order. */
public final class CheckClasses {

    public static final List<Class<?>> ALL = List.of(
            AcceptanceChecks.class,
            AckChecks.class,
            CountChecks.class,
            IdempotencyChecks.class,
            HeaderChecks.class,
            ValidationChecks.class,
            BadInputChecks.class,
            TimelinessChecks.class,
            AuthChecks.class,
            SignatureChecks.class,
            StatusChecks.class,
            EndToEndChecks.class);

    private CheckClasses() {}
}
