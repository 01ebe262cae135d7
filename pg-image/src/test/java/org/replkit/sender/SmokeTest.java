package org.replkit.sender;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void smoke() throws Exception {
        SenderDatabase db = SharedSender.get();
        db.reset();
        db.setTiming(SenderTiming.FAST);
        try (RecordingReceiver r = new RecordingReceiver()) {
            db.registerInstance("s1", r.url("/sync/patterns"), SyncTable.PATTERNS, "tok");
            try (Connection c = db.connection(); Statement st = c.createStatement()) {
                st.execute("INSERT INTO approved_patterns(name, ecosystem, confidence) VALUES ('a','elixir',0.5)");
            }
            var got = r.await(1, Duration.ofSeconds(10));
            System.out.println(got);
            System.out.println(db.awaitSettled(Duration.ofSeconds(10)));
            try (Connection c = db.connection(); Statement st = c.createStatement()) {
                for (String q : new String[]{"select status, attempts, last_error from replication.replication_queue", "select * from net._http_response", "select jobname, status, return_message from cron.job_run_details d join cron.job j using (jobid) order by runid desc limit 10"}) {
                    var rs = st.executeQuery(q);
                    while (rs.next()) { StringBuilder b = new StringBuilder(); for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) b.append(rs.getString(i)).append(" | "); System.out.println(b); }
                }
            }
            assertEquals(1, got.size());
        }
    }
}
