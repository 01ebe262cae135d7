package org.replkit.load.capacity;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The figures of each rate step of a capacity run, from the audit trail and pg_cron's run log. The
 * steps are separated by pauses long enough for the queue to drain, so the items captured in one
 * step form one group of creation times, told apart from the next by the pause between them.
 */
public final class CapacitySteps {

    /** Items captured since the run began, ordered by creation; the groups are found in Java. */
    private static final String ITEMS = """
            SELECT created_at, status, extract(epoch FROM completed_at - created_at) * 1000
              FROM replication.replication_queue WHERE created_at >= ? ORDER BY created_at
            """;
    private static final String TICKS = """
            SELECT count(*), coalesce(avg(extract(epoch FROM d.end_time - d.start_time) * 1000), 0),
                   coalesce(max(extract(epoch FROM d.end_time - d.start_time) * 1000), 0)
              FROM cron.job_run_details d JOIN cron.job j ON j.jobid = d.jobid
             WHERE j.jobname = 'replication-dispatch' AND d.start_time BETWEEN ? AND ? AND d.end_time IS NOT NULL
            """;

    private CapacitySteps() {
    }

    /**
     * One step.
     *
     * @param rowsPerSecond the rate committed (rows per second, both tables)
     * @param items         deliveries expected: rows captured x instances of their table
     * @param lagP99Ms      commit (created_at) to acknowledgement seen (completed_at), 99th percentile
     * @param tickAvgMs     pg_cron's dispatch ticks during the step: mean and longest duration
     */
    public record Step(int rowsPerSecond, long items, long delivered, long failed, long open, double deliveriesPerSecond,
                       long lagP50Ms, long lagP99Ms, long lagMaxMs, int ticks, long tickAvgMs, long tickMaxMs) {

        boolean keptUp(long lagLimitMs) {
            return failed == 0 && open == 0 && delivered > 0 && lagP99Ms <= lagLimitMs;
        }
    }

    private record Item(Instant created, String status, double lagMs) {
    }

    /** The steps in order; a step whose rows all failed to commit is missing. */
    public static List<Step> read(Connection c, Instant runStart, List<Integer> rates, long stepMillis, long pauseMillis)
            throws SQLException {
        List<Item> items = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(ITEMS)) {
            ps.setTimestamp(1, Timestamp.from(runStart));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    items.add(new Item(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getDouble(3)));
                }
            }
        }
        List<List<Item>> groups = new ArrayList<>();
        for (Item item : items) {
            if (groups.isEmpty() || item.created().toEpochMilli()
                    - last(groups).get(last(groups).size() - 1).created().toEpochMilli() > pauseMillis / 2) {
                groups.add(new ArrayList<>());
            }
            last(groups).add(item);
        }
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < groups.size() && i < rates.size(); i++) {
            steps.add(step(c, rates.get(i), groups.get(i), stepMillis));
        }
        return steps;
    }

    private static Step step(Connection c, int rate, List<Item> group, long stepMillis) throws SQLException {
        List<Double> lags = group.stream().filter(i -> "success".equals(i.status())).map(Item::lagMs).sorted().toList();
        long failed = group.stream().filter(i -> "failed".equals(i.status())).count();
        long open = group.size() - lags.size() - failed;
        Instant from = group.get(0).created();
        Instant to = group.get(group.size() - 1).created();
        int ticks;
        long tickAvg;
        long tickMax;
        try (PreparedStatement ps = c.prepareStatement(TICKS)) {
            ps.setTimestamp(1, Timestamp.from(from));
            ps.setTimestamp(2, Timestamp.from(to));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                ticks = rs.getInt(1);
                tickAvg = Math.round(rs.getDouble(2));
                tickMax = Math.round(rs.getDouble(3));
            }
        }
        // Acknowledged items over the time from the step's first commit to its last acknowledgement (at
        // least the step's length): a sender that falls behind is still delivering after the step ends.
        double spanMillis = group.stream().filter(i -> "success".equals(i.status()))
                .mapToDouble(i -> i.created().toEpochMilli() + i.lagMs()).max().orElse(0) - from.toEpochMilli();
        double seconds = Math.max(stepMillis, spanMillis) / 1000.0;
        return new Step(rate, group.size(), lags.size(), failed, open, lags.size() / seconds,
                percentile(lags, 0.50), percentile(lags, 0.99), lags.isEmpty() ? 0 : Math.round(lags.get(lags.size() - 1)),
                ticks, tickAvg, tickMax);
    }

    /** The highest rate that kept up, or null when none did. */
    public static Step highestKeptUp(List<Step> steps, long lagLimitMs) {
        Step best = null;
        for (Step s : steps) {
            if (s.keptUp(lagLimitMs) && (best == null || s.rowsPerSecond() > best.rowsPerSecond())) {
                best = s;
            }
        }
        return best;
    }

    static long percentile(List<Double> sorted, double p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int index = (int) Math.ceil(p * sorted.size()) - 1;
        return Math.round(sorted.get(Math.max(0, Math.min(sorted.size() - 1, index))));
    }

    private static <T> T last(List<T> list) {
        return list.get(list.size() - 1);
    }
}
