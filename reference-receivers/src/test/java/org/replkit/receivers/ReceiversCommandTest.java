package org.replkit.receivers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** kit receivers refuses what it cannot run with exit code 2 and one line, never a stack trace. */
class ReceiversCommandTest {

    private record Run(int exitCode, String err) {}

    private static Run run(String... args) {
        PrintStream originalErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true));
        try {
            int code = new CommandLine(new ReceiversCommand()).execute(args);
            return new Run(code, err.toString());
        } finally {
            System.setErr(originalErr);
        }
    }

    @Test
    void aDatabaseUrlThatIsNotPostgresIsAUsageError() {
        Run r = run("--port", "0", "--db-url", "jdbc:mysql://127.0.0.1/x");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().startsWith("kit receivers: not a PostgreSQL JDBC URL"), r.err());
        assertFalse(r.err().contains("\tat "), "stack trace shown: " + r.err());
    }

    @Test
    void anUnreachableDatabaseIsReportedInOneLine() {
        Run r = run("--port", "0", "--db-url", "jdbc:postgresql://127.0.0.1:1/none?user=x&connectTimeout=1");
        assertEquals(2, r.exitCode());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("cannot connect"), r.err());
    }

    @Test
    void aTakenPortIsReportedInOneLine() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            Run r = run("--port", String.valueOf(taken.getLocalPort()));
            assertEquals(2, r.exitCode());
            assertTrue(r.err().startsWith("kit receivers: cannot listen on 127.0.0.1:" + taken.getLocalPort()), r.err());
        }
    }

    @Test
    void aNonNumericPortIsAPicocliUsageError() {
        assertEquals(2, run("--port", "four-thousand").exitCode());
    }

    @Test
    void aSigningSecretThatIsNotWhsecBase64IsReportedInOneLineWithoutShowingIt() {
        Run r = run("--port", "0", "--signing-secret", "whsec_c2hvcnQ=");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().startsWith("kit receivers: a signing secret must hold at least 24 bytes"), r.err());
        assertFalse(r.err().contains("c2hvcnQ"), "the secret is shown: " + r.err());
    }
}
