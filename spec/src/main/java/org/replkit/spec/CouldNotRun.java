package org.replkit.spec;

import java.io.PrintStream;

/**
 * A command cannot do its job: a usage error, a target that cannot be reached, a server that would
 * not start. Its message is one line for the user; {@link #reportTo} prints it under the command's
 * name and gives {@link ExitCode#COULD_NOT_RUN}, so every command ends a failed start the same way.
 * Uncaught, {@code kit}'s own handler does the same.
 */
public final class CouldNotRun extends RuntimeException {

    public CouldNotRun(String message) {
        super(message);
    }

    public CouldNotRun(String message, Throwable cause) {
        super(message, cause);
    }

    /** Prints "{@code command}: message" on {@code err}; the exit code of a run that could not take place. */
    public int reportTo(PrintStream err, String command) {
        err.println(command + ": " + getMessage());
        return ExitCode.COULD_NOT_RUN;
    }
}
