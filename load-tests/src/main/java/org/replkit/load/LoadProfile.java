package org.replkit.load;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The load profiles {@code ./kit load --profile} runs, each a Gatling simulation class. */
public enum LoadProfile {
    STEADY("org.replkit.load.simulations.SteadySimulation",
            "N sender instances push a batch to both endpoints every cadence tick"),
    CATCH_UP("org.replkit.load.simulations.CatchUpSimulation",
            "steady ticks, an outage, the whole backlog at once, then the cadence again"),
    DUPLICATES("org.replkit.load.simulations.DuplicatesSimulation",
            "the same ids delivered many times; the record count must grow by the distinct ids only"),
    SOAK("org.replkit.load.simulations.SoakSimulation",
            "the steady profile for a long time (30 min by default)"),
    PIPELINE("org.replkit.load.simulations.PipelineSimulation",
            "rows inserted into the sender database, delivered by trigger -> pg_cron -> pg_net to a reference receiver"),
    SENDER_CAPACITY("org.replkit.load.simulations.SenderCapacitySimulation",
            "the sender's highest rate with lag p99 <= cadence + 1 s, beside the raw pg_net send rate"),
    CLIFF("org.replkit.load.simulations.CliffSimulation",
            "an open ramp until acknowledgements come after the 5 s timeout: the rate and concurrency at which a receiver makes duplicates");

    private final String simulationClass;
    private final String description;

    LoadProfile(String simulationClass, String description) {
        this.simulationClass = simulationClass;
        this.description = description;
    }

    /** The profile's name, as --profile takes it: the constant's name in lower case, words joined by '-'. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public String simulationClass() {
        return simulationClass;
    }

    public String description() {
        return description;
    }

    public static LoadProfile of(String id) {
        return Arrays.stream(values()).filter(p -> p.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown profile '" + id + "'; one of: " + ids()));
    }

    public static String ids() {
        return Arrays.stream(values()).map(LoadProfile::id).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return id();
    }
}
