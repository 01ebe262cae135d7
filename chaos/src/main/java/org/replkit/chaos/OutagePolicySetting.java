package org.replkit.chaos;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import org.replkit.chaos.history.Event;

/**
 * Sets the sender's outage_policy through {@code replication.configure(outage_policy => ...)}. A
 * sender whose configure() has no such parameter keeps the spec's retry schedule literally (3
 * retries, then failed, whatever the cause), which is what 'fail' means: the run says so in one line
 * and the checker judges it as 'fail'.
 */
final class OutagePolicySetting {

    static final String NOT_SUPPORTED = "the sender has no outage_policy setting: it keeps the spec's schedule literally, as 'fail'";

    private OutagePolicySetting() {
    }

    static Event.SenderPolicy apply(Connection c, ChaosSettings.OutagePolicy policy) throws SQLException {
        if (!supported(c)) {
            return new Event.SenderPolicy(Instant.now(), ChaosSettings.OutagePolicy.FAIL.label(), NOT_SUPPORTED);
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT replication.configure(outage_policy => ?)")) {
            ps.setString(1, policy.label());
            ps.execute();
        }
        return new Event.SenderPolicy(Instant.now(), policy.label(), null);
    }

    static boolean supported(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                 WHERE n.nspname = 'replication' AND p.proname = 'configure' AND 'outage_policy' = ANY (p.proargnames)""");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1) > 0;
        }
    }
}
