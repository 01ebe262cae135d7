package org.replkit.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code ./kit} entry point. Each subcommand lives in the module that owns its job; this class
 * only gathers them so that one command line, one --help and one exit-code contract cover the kit.
 */
@Command(
        name = "kit",
        mixinStandardHelpOptions = true,
        version = "replication conformance kit 0.1.0",
        exitCodeOnExecutionException = 2,
        description = "Replication conformance kit: reference receivers, conformance verdicts, the sender database, load tests and chaos runs.",
        subcommands = {CommandLine.HelpCommand.class})
public final class Kit implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        // No subcommand: show what there is to run.
        spec.commandLine().usage(System.out);
    }

    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Kit());
        // One subcommand per module; each lives in the module that owns its job.
        cli.addSubcommand(new org.replkit.receivers.ReceiversCommand());
        cli.addSubcommand(new org.replkit.sender.SenderCommand());
        cli.addSubcommand(new org.replkit.conformance.VerifyCommand());
        cli.addSubcommand(new org.replkit.conformance.senderverify.SenderVerifyCommand());
        cli.addSubcommand(new org.replkit.conformance.fuzz.FuzzCommand());
        // As a CommandLine: picocli applies a command's modelTransformer (load's parameter options) only there.
        cli.addSubcommand(new CommandLine(new org.replkit.load.LoadCommand()));
        cli.addSubcommand(new org.replkit.chaos.ChaosCommand());
        cli.setExecutionExceptionHandler(Kit::oneLine);
        return cli;
    }

    /**
     * What a command did not catch itself reaches the user as one line, not a stack trace
     * (KIT_DEBUG=1 shows the trace); the exit code is the command's "could not run" code.
     */
    static int oneLine(Exception e, CommandLine failed, CommandLine.ParseResult parsed) {
        // The outermost message says what failed; go deeper only past wrappers that add nothing.
        Throwable t = e;
        while (t.getCause() != null && (t.getMessage() == null || t.getMessage().isBlank()
                || t.getMessage().equals(t.getCause().toString()))) {
            t = t.getCause();
        }
        String message = t.getMessage();
        String line = message == null || message.isBlank() ? t.getClass().getSimpleName()
                : message.lines().findFirst().orElse(message);
        failed.getErr().println(failed.getCommandSpec().qualifiedName() + ": " + line);
        if (System.getenv("KIT_DEBUG") != null) {
            e.printStackTrace(failed.getErr());
        }
        return failed.getCommandSpec().exitCodeOnExecutionException();
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
