package org.replkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The entry point gathers every module's command; a module dropped from Kit.java fails here. */
class KitTest {

    @Test
    void everyModuleCommandIsReachable() {
        Set<String> names = Kit.commandLine().getSubcommands().keySet();
        assertTrue(names.containsAll(Set.of("receivers", "sender", "verify", "fuzz", "load", "chaos")), names.toString());
    }

    @Test
    void kitLoadHasTheOptionsItsModelTransformerAdds() {
        CommandLine load = Kit.commandLine().getSubcommands().get("load");
        assertTrue(load.getCommandSpec().findOption("--rows-per-second") != null, "no --rows-per-second under kit load");
        StringWriter help = new StringWriter();
        load.usage(new PrintWriter(help));
        assertTrue(help.toString().replaceAll("\\s+", " ").contains("must reach P % of the raw pg_net rate"), help.toString());
    }

    @CommandLine.Command(name = "boom", exitCodeOnExecutionException = 7)
    static final class Boom implements java.util.concurrent.Callable<Integer> {
        @Override
        public Integer call() {
            throw new IllegalStateException("cannot write the reports to out/: disk full\nsecond line",
                    new java.io.IOException("disk full"));
        }
    }

    @Test
    void anUncaughtFailureIsOneLineWithTheCommandsCouldNotRunCode() {
        CommandLine cli = new CommandLine(new Boom()).setExecutionExceptionHandler(Kit::oneLine);
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));
        assertEquals(7, cli.execute());
        assertEquals("boom: cannot write the reports to out/: disk full", err.toString().strip());
    }

    @CommandLine.Command(name = "wrapped")
    static final class Wrapped implements Runnable {
        @Override
        public void run() {
            throw new java.io.UncheckedIOException(new java.io.IOException("no space left on device"));
        }
    }

    @Test
    void aWrapperThatAddsNothingIsLookedThrough() {
        CommandLine cli = new CommandLine(new Wrapped()).setExecutionExceptionHandler(Kit::oneLine);
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));
        assertEquals(1, cli.execute());
        assertEquals("wrapped: no space left on device", err.toString().strip());
    }

    @Test
    void everyModuleCommandGetsTheOneLineHandler() {
        CommandLine cli = Kit.commandLine();
        cli.getSubcommands().values().forEach(sub -> assertTrue(
                sub.getExecutionExceptionHandler() == cli.getExecutionExceptionHandler(), sub.getCommandName()));
    }

    @Test
    void anUnknownSubcommandIsAUsageErrorWithExitTwo() {
        CommandLine cli = Kit.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));
        assertEquals(2, cli.execute("no-such-command"));
        assertTrue(err.toString().contains("no-such-command"), err.toString());
    }

    /** One exit-code contract for every command: 0 passed, 1 failed, 2 could not run. */
    @Test
    void everyCommandFollowsTheOneExitCodeContract() {
        java.util.List<String> problems = new java.util.ArrayList<>();
        checkContract(Kit.commandLine(), problems);
        assertEquals(java.util.List.of(), problems);
    }

    private static void checkContract(CommandLine cli, java.util.List<String> problems) {
        var spec = cli.getCommandSpec();
        String name = spec.qualifiedName();
        if (cli.getCommandSpec().userObject() instanceof CommandLine.HelpCommand) {
            return;
        }
        if (cli.getCommandSpec().exitCodeOnExecutionException() != org.replkit.spec.ExitCode.COULD_NOT_RUN) {
            problems.add(name + ": an uncaught failure must exit 2");
        }
        if (cli.getCommandSpec().exitCodeOnInvalidInput() != org.replkit.spec.ExitCode.COULD_NOT_RUN) {
            problems.add(name + ": a usage error must exit 2");
        }
        spec.usageMessage().exitCodeList().forEach((code, text) -> {
            String expected = switch (code.trim()) {
                case "0" -> org.replkit.spec.ExitCode.PASSED_LINE;
                case "1" -> org.replkit.spec.ExitCode.FAILED_LINE;
                case "2" -> org.replkit.spec.ExitCode.COULD_NOT_RUN_LINE;
                default -> null;
            };
            if (expected == null || !(code.trim() + ":" + text).startsWith(expected)) {
                problems.add(name + ": exit code line '" + code + ":" + text + "' does not say " + expected);
            }
        });
        cli.getSubcommands().values().forEach(sub -> checkContract(sub, problems));
    }
}
