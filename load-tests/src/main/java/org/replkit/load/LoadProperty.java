package org.replkit.load;

/**
 * The parameters of the simulations, read from system properties so that the Maven plugin
 * ({@code -Dload.instances=4}) and {@code ./kit load} ({@code --instances 4}) set them the same way.
 * A blank value means "the profile's default".
 */
public enum LoadProperty {
    TARGET("load.target", "URL",
            "base URL of the receivers, e.g. http://127.0.0.1:4000 (its /sync/patterns and /sync/metrics are loaded); default: the reference receivers in-process"),
    DB_URL("load.dbUrl", "JDBC_URL", "run the in-process reference receivers on their PostgreSQL store (default: in-memory)"),
    INSTANCES("load.instances", "N", "sender instances (default 10)"),
    BATCH("load.batch", "N", "records per instance, endpoint and tick (default 20)"),
    CADENCE_MS("load.cadenceMs", "MS", "time between ticks (default 5000, the sender's rhythm)"),
    DURATION_S("load.durationS", "S", "seconds of ticks (steady 60, soak 1800, catch-up: after the backlog 30, pipeline 60)"),
    WARM_S("load.warmS", "S", "catch-up: steady seconds before the outage (default 20)"),
    OUTAGE_S("load.outageS", "S", "catch-up: outage seconds whose ticks arrive at once afterwards (default 30)"),
    DISTINCT_IDS("load.distinctIds", "N", "duplicates: distinct ids per endpoint (default 200)"),
    RETRIES("load.retries", "N", "duplicates: deliveries of each id (default 10)"),
    P99_MS("load.p99Ms", "MS", "assertion: p99 response time below this (default: the profile's measured figure)"),
    WARMUP("load.warmup", "N", "deliveries per endpoint before the measured run (default 200)"),
    TIMEOUT_MS("load.timeoutMs", "MS", "a delivery slower than this fails (default 5000, the sender's timeout)"),
    ROWS_PER_SECOND("load.rowsPerSecond", "N", "pipeline: rows inserted per second into the sender database"),
    SENDER_DB_URL("load.senderDbUrl", "JDBC_URL", "pipeline: a running sender database (default: one is started)"),
    RATES("load.rates", "N,N,...", "sender-capacity: rows per second of each step (default 25,50,100,200,400)"),
    STEP_S("load.stepS", "S", "sender-capacity: seconds of each rate step (default 20)"),
    BURST("load.burst", "N",
            "sender-capacity: requests of the raw pg_net baseline and deliveries of the schema's burst (default 2000)"),
    DISPATCH_BATCH_SIZE("load.dispatchBatchSize", "N",
            "sender-capacity: items handed to pg_net per tick at most (default 20000)"),
    PGNET_BATCH_SIZE("load.pgnetBatchSize", "N",
            "sender-capacity: pg_net.batch_size, set server-wide (ALTER SYSTEM through replication.configure; default: pg_net's 200)"),
    STANDIN_WORKERS("load.standinWorkers", "N", "sender-capacity: workers of the pg_net stand-in, 1 to 32 (default 4)"),
    TARGET_RATIO_PERCENT("load.targetRatioPercent", "P",
            "sender-capacity: the schema's send rate must reach P % of the raw pg_net rate (default 90)"),
    START_RATE("load.startRate", "N", "cliff: deliveries/s of the ramp's first step (default 20)"),
    MAX_RATE("load.maxRate", "N", "cliff: the ramp's highest rate, deliveries/s (default 20000)"),
    STEP_MS("load.stepMs", "MS", "cliff: how long each rate step (+10%) lasts (default 3000)"),
    MAX_IN_FLIGHT("load.maxInFlight", "N",
            "cliff: the most deliveries the load generator holds open at once; reaching it stops the ramp, and no cliff is claimed"
                    + " (default: 80% of the files this process may still open)");

    private final String key;
    private final String paramLabel;
    private final String description;

    /** @param paramLabel and description: the option's in {@code ./kit load --help} */
    LoadProperty(String key, String paramLabel, String description) {
        this.key = key;
        this.paramLabel = paramLabel;
        this.description = description;
    }

    public String key() {
        return key;
    }

    public String paramLabel() {
        return paramLabel;
    }

    public String description() {
        return description;
    }

    /** {@code ./kit load}'s option that sets it: load.rowsPerSecond is set by --rows-per-second. */
    public String optionName() {
        return "--" + key.substring("load.".length()).replaceAll("([A-Z])", "-$1").toLowerCase(java.util.Locale.ROOT);
    }

    static java.util.Optional<LoadProperty> ofOption(String option) {
        return java.util.Arrays.stream(values()).filter(p -> p.optionName().equals(option)).findFirst();
    }

    /** The value set for this run, or "" when none is. */
    public String value() {
        String v = System.getProperty(key);
        return v == null ? "" : v.trim();
    }

    public int intValue(int profileDefault) {
        String v = value();
        if (v.isEmpty()) {
            return profileDefault;
        }
        try {
            int parsed = Integer.parseInt(v);
            if (parsed < 0) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number >= 0, not '" + v + "'");
        }
    }

    /** A comma-separated list of whole numbers >= 1, or the default when none is set. */
    public java.util.List<Integer> positiveIntList(java.util.List<Integer> profileDefault) {
        String v = value();
        if (v.isEmpty()) {
            return profileDefault;
        }
        try {
            java.util.List<Integer> list = java.util.Arrays.stream(v.split(",")).map(String::trim).map(Integer::parseInt).toList();
            if (list.isEmpty() || list.stream().anyMatch(n -> n < 1)) {
                throw new NumberFormatException();
            }
            return list;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be whole numbers >= 1 separated by commas, not '" + v + "'");
        }
    }

    public int positiveIntValue(int profileDefault) {
        int v = intValue(profileDefault);
        if (v == 0) {
            throw new IllegalArgumentException(key + " must be at least 1");
        }
        return v;
    }
}
