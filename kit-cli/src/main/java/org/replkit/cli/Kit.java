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
        description = "Replication conformance kit: reference receivers, conformance verdicts, the sender database and load tests.",
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
        // Subcommands, one per module (added here as each module provides its command).
        cli.addSubcommand(new org.replkit.receivers.ReceiversCommand());
        cli.addSubcommand(new org.replkit.sender.SenderCommand());
        cli.addSubcommand(new org.replkit.conformance.VerifyCommand());
        cli.addSubcommand(new org.replkit.load.LoadCommand());
        return cli;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
