package org.replkit.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The entry point of the JVM a load run gets (see {@link GatlingRunner}): runs one simulation with
 * Gatling and exits with Gatling's status, or with 1 and one line on stderr when it cannot run.
 */
public final class GatlingMain {

    /** Exit status of a run that could not take place (bad parameter, target unreachable). */
    public static final int CANNOT_RUN = 1;

    /** Where the reason a run could not take place is left, in the results folder. */
    static final String FAILURE_FILE = "failure.txt";
    static final String FAILURE_FILE_PROPERTY = "load.failureFile";

    private GatlingMain() {
    }

    /** Arguments: simulation class, results folder, run description. */
    public static void main(String[] args) {
        Path resultsDir = Path.of(args[1]);
        System.setProperty(FAILURE_FILE_PROPERTY, resultsDir.resolve(FAILURE_FILE).toString());
        Thread.setDefaultUncaughtExceptionHandler(GatlingMain::uncaught);
        int status;
        try {
            status = io.gatling.app.Gatling$.MODULE$.fromArgs(new String[] {"-s", args[0], "-rf", args[1], "-rd", args[2]});
        } catch (RuntimeException | Error e) {
            status = CANNOT_RUN;
            reportFailure(resultsDir, rootMessage(e));
        }
        System.out.flush();
        System.exit(status);
    }

    /**
     * An exception no thread of the run caught: a task handed to one of Gatling's pools after a stop
     * shut it down is dropped (see {@link StoppedRunNoiseFilter}); anything else is one line, not a stack trace.
     */
    private static void uncaught(Thread thread, Throwable e) {
        if (!StoppedRunNoiseFilter.isStoppedPoolNoise(e)) {
            System.err.println("load: " + thread.getName() + " failed: " + rootMessage(e));
        }
    }

    /** Leaves the reason in the results folder, where {@link GatlingRunner} picks it up for its one-line error. */
    private static void reportFailure(Path resultsDir, String reason) {
        try {
            Files.writeString(resultsDir.resolve(FAILURE_FILE), reason, StandardCharsets.UTF_8);
        } catch (IOException e) {
            System.err.println("load: the simulation could not run: " + reason);
        }
    }

    /** The innermost cause's message: Gatling wraps a simulation's own exception several times. */
    static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
    }
}
