package org.replkit.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** ./kit load's refusals: one line on stderr, exit status 2 (could not run), no stack trace, no report. */
class LoadCommandTest {

    @TempDir
    Path reports;

    @Test
    void unknownProfileIsRefusedWithTheListOfProfiles() {
        Result r = run("--profile", "spike", "--reports", reports.toString());
        assertEquals(2, r.status);
        assertTrue(r.err.contains("unknown profile 'spike'; one of: steady, catch-up, duplicates, soak, pipeline"), r.err);
    }

    @Test
    void eachOptionSetsTheSimulationParameterOfItsName() {
        LoadCommand command = new LoadCommand();
        new CommandLine(command).parseArgs("--rows-per-second", "7", "--p99-ms", "80", "--rates", "25,50", "--profile", "pipeline");
        assertEquals(java.util.Map.of(LoadProperty.ROWS_PER_SECOND, "7", LoadProperty.P99_MS, "80", LoadProperty.RATES, "25,50"),
                command.settings());
        new CommandLine(command).parseArgs("--instances", "-1");
        IllegalArgumentException refused = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, command::settings);
        assertTrue(refused.getMessage().startsWith("numeric options take whole numbers >= 0, not -1 (sender instances"), refused.getMessage());
    }

    @Test
    void helpShowsThePercentSignsWithoutFormatWarnings() {
        Result r = run("--help");
        assertEquals(0, r.status, r.err);
        assertFalse((r.out + r.err).contains("Could not format"), r.out + r.err);
        String help = r.out.replaceAll("\\s+", " "); // the help wraps long lines
        assertTrue(help.contains("must reach P % of the raw pg_net rate"), r.out);
        assertTrue(help.contains("each rate step (+10%) lasts"), r.out);
    }

    @Test
    void targetMustBeABaseUrl() {
        Result r = run("--target", "http://127.0.0.1:4000/sync/patterns", "--reports", reports.toString());
        assertEquals(2, r.status);
        assertTrue(r.err.contains("give the base URL"), r.err);
        assertEquals(2, run("--target", "ftp://127.0.0.1", "--reports", reports.toString()).status);
    }

    @Test
    void unreachableTargetEndsInOneLine() throws Exception {
        int freePort;
        try (ServerSocket s = new ServerSocket(0)) {
            freePort = s.getLocalPort();
        }
        Result r = run("--target", "http://127.0.0.1:" + freePort, "--duration-s", "1", "--reports", reports.toString());
        assertEquals(2, r.status, r.out + r.err);
        assertTrue(r.err.contains("nothing answers at http://127.0.0.1:" + freePort), r.err);
        assertFalse(r.err.contains("\tat "), "no stack trace: " + r.err);
    }

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int status = new CommandLine(new LoadCommand()).execute(args);
            return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    private record Result(int status, String out, String err) {}
}
