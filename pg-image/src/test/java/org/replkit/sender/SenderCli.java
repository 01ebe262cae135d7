package org.replkit.sender;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import picocli.CommandLine;

/** Runs {@code kit sender ...} in the test's JVM and keeps what it printed. */
final class SenderCli {

    record Result(int exit, String out, String err) {
    }

    private SenderCli() {}

    static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CommandLine cli = new CommandLine(new SenderCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }
}
