package org.replkit.receivers;

import java.util.concurrent.CountDownLatch;
import org.replkit.receivers.http.AdmissionLimit;
import org.replkit.receivers.store.StoreUnavailableException;
import org.replkit.spec.CouldNotRun;
import org.replkit.spec.ExitCode;
import org.replkit.spec.KitCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kit receivers}: runs the reference receivers in the foreground until interrupted. */
@Command(name = "receivers", mixinStandardHelpOptions = true, exitCodeOnExecutionException = 2,
        description = {"Run the reference receivers: POST /sync/patterns (Singularity), POST /sync/metrics (Genesis) and GET /health on one port.",
                "Runs until interrupted (Ctrl-C)."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {ExitCode.PASSED_LINE + "stopped", ExitCode.COULD_NOT_RUN_LINE + "port taken, database unreachable, bad option"})
public final class ReceiversCommand extends KitCommand {

    @Option(names = "--port", defaultValue = "4000", description = "Port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--host", defaultValue = ReceiverOptions.LOOPBACK, description = "Address to bind (default: ${DEFAULT-VALUE}; 0.0.0.0 in a container).")
    String host;

    @Option(names = "--db-url", paramLabel = "JDBC_URL",
            description = "Store records in PostgreSQL, e.g. jdbc:postgresql://127.0.0.1:5432/db?user=u&password=p (default: in memory).")
    String dbUrl;

    @Option(names = "--token", description = "Require Authorization: Bearer <token> on every delivery.")
    String token;

    @Option(names = "--signing-secret", paramLabel = "whsec_...", defaultValue = "${env:KIT_SIGNING_SECRET}",
            description = "Require every delivery to be signed with this Standard Webhooks secret (default: $KIT_SIGNING_SECRET, "
                    + "which keeps it off the command line).")
    String signingSecret;

    @Option(names = "--max-in-flight", paramLabel = "N", defaultValue = "${env:KIT_RECEIVERS_MAX_IN_FLIGHT:-64}",
            description = "Deliveries handled at once (default: $KIT_RECEIVERS_MAX_IN_FLIGHT, else ${DEFAULT-VALUE}); "
                    + "beyond them a delivery waits its turn up to --admission-wait-ms.")
    int maxInFlight;

    @Option(names = "--admission-wait-ms", paramLabel = "MS", defaultValue = "${env:KIT_RECEIVERS_ADMISSION_WAIT_MS:-2000}",
            description = "How long a delivery waits for its turn before it is shed with 503 and Retry-After, "
                    + "rather than answered after the sender's 5 s timeout (default: $KIT_RECEIVERS_ADMISSION_WAIT_MS, else ${DEFAULT-VALUE}).")
    int admissionWaitMs;

    public ReceiversCommand() {
        super("kit receivers", System.out, System.err);
    }

    @Override
    protected int run() throws InterruptedException {
        signingSecret = blankToNull(signingSecret);
        AdmissionLimit admission = new AdmissionLimit(maxInFlight, java.time.Duration.ofMillis(admissionWaitMs));
        ReceiverServer server;
        try {
            server = ReceiverServer.start(new ReceiverOptions(host, port, dbUrl, token, signingSecret, admission));
        } catch (StoreUnavailableException | IllegalStateException e) {
            throw new CouldNotRun(e.getMessage(), e);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "receivers-shutdown"));
        out.printf("Reference receivers listening (store: %s%s%s):%n", server.store().describe(),
                token == null ? "" : ", bearer token required", signingSecret == null ? "" : ", signed deliveries only");
        out.printf("  POST %s   (Singularity)%n", server.patternsUrl());
        out.printf("  POST %s    (Genesis)%n", server.metricsUrl());
        out.printf("  GET  %s/health%n", server.baseUrl());
        out.printf("Admission: %s; beyond that 503 with Retry-After.%n", admission.describe());
        out.println("Ctrl-C stops them.");
        out.flush();
        stopped.await();
        return ExitCode.PASSED;
    }
}
