package org.replkit.load;

/**
 * The parameters of the simulations, read from system properties so that the Maven plugin
 * ({@code -Dload.instances=4}) and {@code ./kit load} ({@code --instances 4}) set them the same way.
 * A blank value means "the profile's default".
 */
public enum LoadProperty {
    TARGET("load.target", "base URL whose /sync/patterns and /sync/metrics are loaded; blank starts the reference receivers in-process"),
    DB_URL("load.dbUrl", "JDBC URL: the in-process reference receivers use their PostgreSQL store instead of the in-memory one"),
    INSTANCES("load.instances", "sender instances pushing at each tick"),
    BATCH("load.batch", "records each instance pushes to each endpoint per tick"),
    CADENCE_MS("load.cadenceMs", "milliseconds between ticks (the sender's rhythm: 5000)"),
    DURATION_S("load.durationS", "seconds of ticks (steady, soak, pipeline; catch-up: after the backlog)"),
    WARM_S("load.warmS", "catch-up: seconds of steady ticks before the outage"),
    OUTAGE_S("load.outageS", "catch-up: seconds without delivery; their ticks arrive at once as the backlog"),
    DISTINCT_IDS("load.distinctIds", "duplicates: distinct record ids per endpoint"),
    RETRIES("load.retries", "duplicates: deliveries of each id"),
    P99_MS("load.p99Ms", "assertion: the 99th percentile response time must stay below this (ms)"),
    WARMUP("load.warmup", "valid deliveries per endpoint sent before the measured run (not counted)"),
    TIMEOUT_MS("load.timeoutMs", "a delivery slower than this fails, as the sender's request times out (ms)"),
    ROWS_PER_SECOND("load.rowsPerSecond", "pipeline: rows inserted into the sender database per second"),
    SENDER_DB_URL("load.senderDbUrl", "pipeline, sender-capacity: JDBC URL of a running sender database; blank starts one"),
    RATES("load.rates", "sender-capacity: the rows per second of each step, comma-separated, e.g. 25,50,100"),
    STEP_S("load.stepS", "sender-capacity: seconds each rate step lasts"),
    BURST("load.burst", "sender-capacity: requests of the raw pg_net baseline, and deliveries of the schema's burst"),
    DISPATCH_BATCH_SIZE("load.dispatchBatchSize", "sender-capacity: items the sender hands to pg_net per tick at most"),
    PGNET_BATCH_SIZE("load.pgnetBatchSize", "sender-capacity: pg_net.batch_size, set server-wide (pg_net and the stand-in alike)"),
    STANDIN_WORKERS("load.standinWorkers", "sender-capacity: workers of the pg_net stand-in (1 to 32)"),
    TARGET_RATIO_PERCENT("load.targetRatioPercent", "sender-capacity: the schema's send rate must reach this % of the raw pg_net rate"),
    START_RATE("load.startRate", "cliff: deliveries per second of the ramp's first step"),
    MAX_RATE("load.maxRate", "cliff: the ramp's highest rate, deliveries per second"),
    STEP_MS("load.stepMs", "cliff: milliseconds each rate step (10% above the one before) lasts");

    private final String key;
    private final String description;

    LoadProperty(String key, String description) {
        this.key = key;
        this.description = description;
    }

    public String key() {
        return key;
    }

    public String description() {
        return description;
    }

    /** The parameter {@code ./kit load}'s option of the same name sets: --rows-per-second sets load.rowsPerSecond. */
    static java.util.Optional<LoadProperty> ofOption(String option) {
        String key = "load." + java.util.regex.Pattern.compile("-([a-z0-9])").matcher(option.replaceFirst("^--", ""))
                .replaceAll(m -> m.group(1).toUpperCase(java.util.Locale.ROOT));
        return java.util.Arrays.stream(values()).filter(p -> p.key.equals(key)).findFirst();
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
