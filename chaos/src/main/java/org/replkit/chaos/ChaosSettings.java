package org.replkit.chaos;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.replkit.chaos.nemesis.FaultKind;
import org.replkit.chaos.nemesis.FaultWindow;
import org.replkit.chaos.nemesis.Schedule;
import org.replkit.sender.SenderDatabase;
import org.replkit.sender.SenderTiming;

/**
 * Everything a chaos run is made of. {@link #defaults()} is {@code ./kit chaos} without options:
 * 7 minutes at 20 rows/s, half of them updates, the spec's timing, every fault (a long outage of at
 * least 2 minutes among them), the sender set to pause a receiver that is down, the reference
 * receivers on their PostgreSQL store.
 *
 * @param drainLimit      how long to wait for the queue to settle after the faults; null: computed from the timing
 * @param receiver        which receivers are under test
 * @param patternsUrl     for {@link Receiver#URL}: the pattern receiver
 * @param metricsUrl      for {@link Receiver#URL}: the metrics receiver
 * @param receiverDbUrl   for {@link Receiver#REFERENCE_POSTGRES}: a database to use instead of a throwaway cluster
 * @param storeDecorator  the kit's own tests only: a store decorator planting a defect in the receiver
 * @param senderPatches   the kit's own tests only: SQL applied to the sender after its schema (a planted defect)
 * @param lostGraceSeconds the sender's grace for a request pg_net lost (null: the sender's default)
 * @param scheduleOverride the kit's own tests only: these fault windows instead of the seeded plan (null: the plan)
 * @param signingSecret   deliveries signed with this Standard Webhooks secret, which the reference receivers require (null: unsigned)
 * @param outagePolicy    how the sender is set to treat a receiver down as a whole (replication.configure(outage_policy => ...))
 * @param fanOut          0, or the fan-out case's number of receiver instances in all (the two under test, and sinks
 *                        of the kit's, one of them black-holed for the whole run)
 */
public record ChaosSettings(long seed, Duration duration, double rowsPerSecond, double updateShare, SenderTiming timing,
                            Set<FaultKind> faults, Duration drainLimit, Receiver receiver, URI patternsUrl, URI metricsUrl,
                            String receiverDbUrl, String storeDecorator, SenderDatabase.Backend senderBackend,
                            List<String> senderPatches, Integer lostGraceSeconds, Path reportDir,
                            List<FaultWindow> scheduleOverride, String signingSecret, OutagePolicy outagePolicy, int fanOut) {

    public enum Receiver {
        /** the reference receivers in their own process, on a PostgreSQL store: data survives a kill */
        REFERENCE_POSTGRES,
        /** the reference receivers in their own process, in memory: a kill loses everything */
        REFERENCE_MEMORY,
        /** receivers the user runs, given by URL */
        URL
    }

    /** replication.configure(outage_policy => ...): pause a receiver down as a whole, or keep the spec's schedule literally. */
    public enum OutagePolicy {
        /** its items wait, probes go out, it resumes by itself (the reference sender's default) */
        PAUSE,
        /** the spec's literal schedule: 3 retries at 5/10/20 s, then failed, whatever the cause */
        FAIL;

        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public ChaosSettings {
        faults = faults.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(faults));
        senderPatches = List.copyOf(senderPatches);
        scheduleOverride = scheduleOverride == null ? null : List.copyOf(scheduleOverride);
        outagePolicy = outagePolicy == null ? OutagePolicy.PAUSE : outagePolicy;
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("the run must last longer than zero seconds");
        }
        if (rowsPerSecond <= 0 || rowsPerSecond > 500) {
            throw new IllegalArgumentException("rows per second must be above 0 and at most 500, not " + rowsPerSecond);
        }
        if (fanOut != 0 && (fanOut < 3 || fanOut > 20)) {
            throw new IllegalArgumentException("the fan-out case needs 3 to 20 instances in all, not " + fanOut);
        }
        if (updateShare < 0 || updateShare > 1) {
            throw new IllegalArgumentException("the share of updates must be between 0 and 1, not " + updateShare);
        }
    }

    /** The reference sender's default cap on the wait between a paused instance's probes. */
    static final int PROBE_CAP_SECONDS = 60;

    /** The default run's length at the spec's timing: room for a long outage of 2 min 20 s and a slot of 30 s for each other kind. */
    public static final Duration DEFAULT_DURATION = Duration.ofMinutes(7);
    /** The default run's length at the fast timing. */
    public static final Duration DEFAULT_FAST_DURATION = Duration.ofMinutes(2);

    public static ChaosSettings defaults() {
        return new ChaosSettings(System.nanoTime(), DEFAULT_DURATION, 20, 0.5, SenderTiming.SPEC,
                EnumSet.allOf(FaultKind.class), null, Receiver.REFERENCE_POSTGRES, null, null, null, null,
                SenderDatabase.Backend.AUTO, List.of(), null, Path.of("reports", "chaos"), null, null, OutagePolicy.PAUSE, 0);
    }

    /** Without the signing secret or the receiver database's URL (it may carry a password): nothing secret in a log line. */
    @Override
    public String toString() {
        return "ChaosSettings[seed=" + seed + ", duration=" + duration + ", rowsPerSecond=" + rowsPerSecond + ", faults=" + faults
                + ", receiver=" + receiver + ", senderBackend=" + senderBackend + ", outagePolicy=" + outagePolicy
                + ", signed=" + (signingSecret != null) + ", fanOut=" + fanOut + "]";
    }

    public static Builder builder() {
        return defaults().toBuilder();
    }

    /** These settings, to be changed one at a time. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Sets a run's settings one at a time; {@link #build()} checks them (see the record's components). */
    public static final class Builder {
        private long seed;
        private Duration duration;
        private double rowsPerSecond;
        private double updateShare;
        private SenderTiming timing;
        private Set<FaultKind> faults;
        private Duration drainLimit;
        private Receiver receiver;
        private URI patternsUrl;
        private URI metricsUrl;
        private String receiverDbUrl;
        private String storeDecorator;
        private SenderDatabase.Backend senderBackend;
        private List<String> senderPatches;
        private Integer lostGraceSeconds;
        private Path reportDir;
        private List<FaultWindow> scheduleOverride;
        private String signingSecret;
        private OutagePolicy outagePolicy;
        private int fanOut;

        private Builder(ChaosSettings s) {
            seed = s.seed;
            duration = s.duration;
            rowsPerSecond = s.rowsPerSecond;
            updateShare = s.updateShare;
            timing = s.timing;
            faults = s.faults;
            drainLimit = s.drainLimit;
            receiver = s.receiver;
            patternsUrl = s.patternsUrl;
            metricsUrl = s.metricsUrl;
            receiverDbUrl = s.receiverDbUrl;
            storeDecorator = s.storeDecorator;
            senderBackend = s.senderBackend;
            senderPatches = s.senderPatches;
            lostGraceSeconds = s.lostGraceSeconds;
            reportDir = s.reportDir;
            scheduleOverride = s.scheduleOverride;
            signingSecret = s.signingSecret;
            outagePolicy = s.outagePolicy;
            fanOut = s.fanOut;
        }

        public Builder seed(long value) { seed = value; return this; }
        public Builder duration(Duration value) { duration = value; return this; }
        public Builder rate(double value) { rowsPerSecond = value; return this; }
        public Builder updateShare(double value) { updateShare = value; return this; }
        public Builder timing(SenderTiming value) { timing = value; return this; }
        public Builder faults(Set<FaultKind> value) { faults = value; return this; }
        public Builder drainLimit(Duration value) { drainLimit = value; return this; }

        /** The reference receivers, on {@code dbUrl} (null: a throwaway cluster) when on PostgreSQL. */
        public Builder referenceReceivers(Receiver kind, String dbUrl) {
            receiver = kind;
            patternsUrl = null;
            metricsUrl = null;
            receiverDbUrl = dbUrl;
            return this;
        }

        /** Receivers the user runs, given by URL. */
        public Builder receiverUrls(URI patterns, URI metrics) {
            receiver = Receiver.URL;
            patternsUrl = patterns;
            metricsUrl = metrics;
            receiverDbUrl = null;
            return this;
        }

        public Builder storeDecorator(String className) { storeDecorator = className; return this; }
        public Builder senderBackend(SenderDatabase.Backend value) { senderBackend = value; return this; }
        public Builder senderPatches(List<String> sql) { senderPatches = sql; return this; }
        public Builder lostGraceSeconds(Integer value) { lostGraceSeconds = value; return this; }
        public Builder reportDir(Path value) { reportDir = value; return this; }

        /** These fault windows instead of the seeded plan. */
        public Builder schedule(List<FaultWindow> windows) { scheduleOverride = windows; return this; }

        /** Deliveries signed with this Standard Webhooks secret (whsec_...), which the reference receivers then require. */
        public Builder signingSecret(String secret) { signingSecret = secret; return this; }

        public Builder outagePolicy(OutagePolicy value) { outagePolicy = value; return this; }
        public Builder fanOut(int instances) { fanOut = instances; return this; }

        public ChaosSettings build() {
            return new ChaosSettings(seed, duration, rowsPerSecond, updateShare, timing, faults, drainLimit, receiver,
                    patternsUrl, metricsUrl, receiverDbUrl, storeDecorator, senderBackend, senderPatches, lostGraceSeconds,
                    reportDir, scheduleOverride, signingSecret, outagePolicy, fanOut);
        }
    }

    /**
     * The drain limit: long enough for an item that failed at the very end to use all its retries,
     * plus the sender's grace for a lost request, plus a margin; after a fault that outlasts the
     * retry schedule, also the longest wait between a paused instance's probes (60 s by default) and
     * a backlog's catch-up.
     */
    public Duration effectiveDrainLimit(int lostGraceSeconds) {
        if (drainLimit != null) {
            return drainLimit;
        }
        double backoffs = Schedule.retrySpanSeconds(timing);
        double perAttempt = timing.timeoutMillis() / 1000.0 + timing.cadenceSeconds();
        double seconds = (timing.maxRetries() + 1) * perAttempt + backoffs + lostGraceSeconds + 30;
        boolean outlasting = scheduleOverride != null ? scheduleOverride.stream().anyMatch(w -> w.kind().outlastsTheRetrySchedule())
                : faults.stream().anyMatch(FaultKind::outlastsTheRetrySchedule);
        if (outlasting) {
            seconds += PROBE_CAP_SECONDS + 30;
        }
        return Duration.ofMillis(Math.round(seconds * 1000));
    }
}
