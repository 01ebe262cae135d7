package org.replkit.conformance.senderverify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.replkit.sender.SenderDatabase;
import org.replkit.sender.SenderTiming;

/**
 * The broken-sender matrix: the kit's own sender with one planted defect (an SQL patch from
 * src/test/resources/.../defects, replacing one function) fails exactly the requirement the defect
 * breaks, and nothing else. The original functions are put back after each run.
 */
class BrokenSenderMatrixTest {

    private static final Pattern REPLACED = Pattern.compile("CREATE OR REPLACE FUNCTION (replication\\.\\w+)\\(");

    static SenderDatabase sender;

    @BeforeAll
    static void start() {
        sender = SenderRuns.startSender();
        sender.setTiming(SenderTiming.FAST);
    }

    @AfterAll
    static void stop() {
        if (sender != null) {
            sender.close();
        }
    }

    @ParameterizedTest(name = "{0} fails {1} only")
    @CsvSource({
        "no-retry.sql, SND-RETRY-01",
        "wrong-backoff.sql, SND-RETRY-01",
        "retries-a-400.sql, SND-RETRY-02",
        "no-timeout.sql, SND-TIME-01",
        "reorders-snapshots.sql, SND-ORDER-01",
        "missing-record-id-header.sql, SND-HDR-01",
        "table-in-event-type-header.sql, SND-HDR-01",
        "body-as-json-string.sql, SND-HDR-01"})
    void aPlantedDefectFailsItsOwnRequirementOnly(String defect, String requirement) throws Exception {
        String patch = new String(getClass().getResourceAsStream("defects/" + defect).readAllBytes(), StandardCharsets.UTF_8);
        List<String> originals = definitions(patch);
        execute(patch);
        try {
            SenderRuns.Run run = SenderRuns.verify(sender.jdbcUrl(), Paths.get("target", "sender-verify", defect.replace(".sql", "")),
                    "--timing", "fast", "--profile", "strict");
            assertEquals(1, run.exitCode(), run.console());
            assertEquals(List.of(requirement), run.failed(), run.console());
            assertTrue(run.report().toString().contains("\"evidence\""), "the failure carries the requests as received");
        } finally {
            for (String original : originals) {
                execute(original);
            }
        }
    }

    /** The live definitions of the functions the patch replaces, to put back afterwards. */
    private static List<String> definitions(String patch) throws Exception {
        List<String> defs = new ArrayList<>();
        Matcher m = REPLACED.matcher(patch);
        try (Connection c = sender.connection();
             PreparedStatement ps = c.prepareStatement("SELECT pg_get_functiondef(p.oid) FROM pg_proc p "
                     + "JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname || '.' || p.proname = ?")) {
            while (m.find()) {
                ps.setString(1, m.group(1));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        defs.add(rs.getString(1));
                    }
                }
            }
        }
        return defs;
    }

    private static void execute(String sql) throws Exception {
        try (Connection c = sender.connection(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
