package org.replkit.load.pipeline;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.replkit.sender.ReplicationApi;

/**
 * What the sender-fed verdicts share: wait until the items captured since the run began have
 * settled, then judge the audit trail; the problems found become one line.
 */
public final class AuditVerdict {

    /** Reads the settled audit trail, publishes its figures, and names what went wrong (empty: nothing). */
    @FunctionalInterface
    public interface Judge {
        List<String> problems(Connection c) throws SQLException;
    }

    private AuditVerdict() {
    }

    /** Null when the judge found nothing wrong, else its problems in one line, also printed after "{@code label}: FAILED: ". */
    public static String decide(String label, String jdbcUrl, Instant runStart, Duration drainLimit, Duration poll, Judge judge) {
        try (Connection c = DriverManager.getConnection(jdbcUrl)) {
            ReplicationApi.at(jdbcUrl).awaitSettled(ReplicationApi.Scope.capturedSince(runStart), drainLimit, poll, open -> { });
            List<String> problems = judge.problems(c);
            if (problems.isEmpty()) {
                return null;
            }
            System.out.println(label + ": FAILED: " + String.join("; ", problems));
            return String.join("; ", problems);
        } catch (SQLException e) {
            return "cannot read the audit trail: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while waiting for the queue to drain";
        }
    }
}
