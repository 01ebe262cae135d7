package org.replkit.load.simulations;

/** Soak: the steady profile for a long time (30 minutes unless load.durationS says otherwise). */
public class SoakSimulation extends SteadySimulation {

    public static final int DEFAULT_DURATION_S = 1800;

    public SoakSimulation() {
        super(DEFAULT_DURATION_S);
    }
}
