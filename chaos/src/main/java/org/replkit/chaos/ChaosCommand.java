package org.replkit.chaos;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.replkit.chaos.nemesis.FaultKind;
import org.replkit.sender.SenderCommand;
import org.replkit.sender.SenderDatabase;
import org.replkit.sender.SenderTiming;
import org.replkit.spec.CouldNotRun;
import org.replkit.spec.ExitCode;
import org.replkit.spec.KitCommand;
import picocli.CommandLine.Command;
import org.replkit.spec.WebhookSignature;
import picocli.CommandLine.Option;

/** {@code kit chaos}: a nemesis run over the whole path, judged by a checker that reads the run's history. */
@Command(name = "chaos", mixinStandardHelpOptions = true, exitCodeOnExecutionException = 2,
        description = {
            "Prove that nothing is lost between the sender database and a receiver",
            "while things go wrong. Rows are committed into the sender at a steady rate",
            "while a nemesis injects faults on a schedule it prints (--seed repeats it):",
            "latency above the sender's timeout, lost acknowledgements, a black hole,",
            "503s, the receiver process killed, the sender's PostgreSQL stopped with",
            "-m immediate, a long outage (4 to 12 times the retry schedule), 429s with",
            "Retry-After, an instance that answers 410 Gone. After the drain a checker",
            "judges the whole history: every change final in the audit trail, failures",
            "explained and retried on schedule, the newest snapshot at the receiver,",
            "counts that agree, no old snapshot sent after a newer one was acknowledged,",
            "every record converged with no operator action.",
            "Needs root (the Docker-less sender database) or a Docker engine with the",
            "sender's base image (--sender-backend docker); no variable to set.",
            "Report: index.html, summary.json, history.jsonl."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {
            ExitCode.PASSED_LINE + "every property held",
            ExitCode.FAILED_LINE + "a property failed (something was lost, stale, unexplained or out of order)",
            ExitCode.COULD_NOT_RUN_LINE + "usage error, or the run could not be done or judged"})
public final class ChaosCommand extends KitCommand {

    @Option(names = "--duration-s", paramLabel = "S",
            description = "How long rows are written (default: 420 at the spec's timing, room for a long outage of 2 min or more; 120 with --timing fast).")
    Double durationS;

    @Option(names = "--rate", paramLabel = "N", defaultValue = "20", description = "Rows committed per second (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--update-share", paramLabel = "F", defaultValue = "0.5",
            description = "Share of writes that update an existing id, 0 to 1 (default: ${DEFAULT-VALUE}).")
    double updateShare;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the fault schedule and of the writes (default: a new one, printed).")
    Long seed;

    @Option(names = "--timing", paramLabel = "spec|fast", defaultValue = "spec",
            description = "The sender's timing: spec (5 s ticks, 5 s timeout, retries after 5/10/20 s) or fast (1 s, 1 s, 1/2/4 s) (default: ${DEFAULT-VALUE}).")
    String timing;

    @Option(names = "--faults", paramLabel = "LIST", split = ",",
            description = "Fault kinds to apply (default: all): latency, lost-ack, black-hole, 503, receiver-kill, sender-crash, "
                    + "long-outage, overload, gone; none for no faults.")
    List<String> faults;

    @Option(names = "--outage-policy", paramLabel = "pause|fail", defaultValue = "pause",
            description = "Set the sender's outage_policy: pause (a receiver down as a whole is waited for) or fail (the spec's "
                    + "literal 3 retries, then failed) (default: ${DEFAULT-VALUE}). A sender without the setting behaves as fail.")
    String outagePolicy;

    @Option(names = "--fan-out", paramLabel = "N", defaultValue = "0",
            description = "The fan-out case: N receiver instances in all (3 to 20; the two under test and sinks of the kit's), "
                    + "one sink black-holed for the whole run; judges the others' lag (default: off).")
    int fanOut;

    @Option(names = "--receiver", paramLabel = "KIND", defaultValue = "reference-postgres",
            description = "The receivers under test: reference-postgres or reference-memory, each in a process of its own (default: ${DEFAULT-VALUE}).")
    String receiver;

    @Option(names = "--receiver-db-url", paramLabel = "JDBC_URL",
            description = "reference-postgres: a PostgreSQL database for the receivers' store (a schema of its own is made and dropped); "
                    + "default: a throwaway cluster from the machine's PostgreSQL binaries.")
    String receiverDbUrl;

    @Option(names = "--patterns-url", paramLabel = "URL", description = "Your pattern receiver (loopback), e.g. http://127.0.0.1:4000/sync/patterns; needs --metrics-url.")
    String patternsUrl;

    @Option(names = "--metrics-url", paramLabel = "URL", description = "Your metrics receiver (loopback), e.g. http://127.0.0.1:4000/sync/metrics; needs --patterns-url.")
    String metricsUrl;

    @Option(names = "--signing-secret", paramLabel = "whsec_...", defaultValue = "${env:KIT_SIGNING_SECRET}",
            description = "Sign every delivery with this Standard Webhooks secret (default: $KIT_SIGNING_SECRET); the reference "
                    + "receivers then require it. Receivers given by URL must be configured with it themselves.")
    String signingSecret;

    @Option(names = "--sender-backend", converter = SenderCommand.BackendConverter.class, paramLabel = "auto|debootstrap|docker", defaultValue = "auto",
            description = "Where the sender database runs (default: ${DEFAULT-VALUE}); both debootstrap and docker can be crash-stopped.")
    SenderDatabase.Backend senderBackend;

    @Option(names = "--drain-s", paramLabel = "S", description = "Longest wait for the queue to settle after the faults (default: from the timing).")
    Double drainS;

    @Option(names = "--check", paramLabel = "HISTORY",
            description = "Do not run: judge this history.jsonl (from an earlier run) again and write its report (default: next to it).")
    Path check;

    @Option(names = "--report-dir", paramLabel = "DIR",
            description = "Where the report goes (default: reports/chaos under the kit's root, else under the working directory).")
    Path reportDir;

    public ChaosCommand() {
        this(System.out, System.err);
    }

    public ChaosCommand(PrintStream out, PrintStream err) {
        super("kit chaos", out, err);
    }

    @Override
    protected int run() {
        return check != null ? judgeAgain() : ChaosRun.execute(settings(), out).exitCode();
    }

    /** --check: judges an earlier run's history again. */
    private int judgeAgain() {
        if (!java.nio.file.Files.isRegularFile(check)) {
            throw new CouldNotRun("no history file at " + check);
        }
        try {
            return ChaosRun.judge(check, reportDir != null ? reportDir : check.toAbsolutePath().getParent(), out).exitCode();
        } catch (java.io.UncheckedIOException e) {
            throw new CouldNotRun(e.getMessage(), e);
        }
    }

    ChaosSettings settings() {
        SenderTiming senderTiming = timing(timing);
        Duration duration = durationS != null ? Duration.ofMillis(Math.round(positive("--duration-s", durationS) * 1000))
                : senderTiming.equals(SenderTiming.FAST) ? ChaosSettings.DEFAULT_FAST_DURATION : ChaosSettings.DEFAULT_DURATION;
        ChaosSettings.Builder s = ChaosSettings.builder()
                .seed(seed != null ? seed : System.currentTimeMillis() % 1_000_000_000L)
                .duration(duration)
                .rate(positive("--rate", rate))
                .updateShare(updateShare)
                .timing(senderTiming)
                .faults(faults(faults))
                .outagePolicy(outagePolicy(outagePolicy))
                .fanOut(fanOut)
                .senderBackend(senderBackend)
                .reportDir(reportDir != null ? reportDir : reportsUnderKitHome().resolve("chaos"));
        if (WebhookSignature.checkedOrNull(signingSecret) != null) { // a bad one refused here, before anything starts
            s.signingSecret(signingSecret.trim());
        }
        if (drainS != null) {
            s.drainLimit(Duration.ofMillis(Math.round(positive("--drain-s", drainS) * 1000)));
        }
        if (patternsUrl != null || metricsUrl != null) {
            if (patternsUrl == null || metricsUrl == null) {
                throw new IllegalArgumentException("--patterns-url and --metrics-url go together");
            }
            if (receiverDbUrl != null) {
                throw new IllegalArgumentException("--receiver-db-url is for the reference receivers, not for receivers given by URL");
            }
            return s.receiverUrls(loopbackUrl("--patterns-url", patternsUrl), loopbackUrl("--metrics-url", metricsUrl)).build();
        }
        ChaosSettings.Receiver kind = switch (receiver.toLowerCase(Locale.ROOT)) {
            case "reference-postgres" -> ChaosSettings.Receiver.REFERENCE_POSTGRES;
            case "reference-memory" -> ChaosSettings.Receiver.REFERENCE_MEMORY;
            default -> throw new IllegalArgumentException("--receiver must be reference-postgres or reference-memory, not " + receiver
                    + " (for your own receivers, give --patterns-url and --metrics-url)");
        };
        if (kind == ChaosSettings.Receiver.REFERENCE_MEMORY && receiverDbUrl != null) {
            throw new IllegalArgumentException("--receiver-db-url needs --receiver reference-postgres");
        }
        return s.referenceReceivers(kind, receiverDbUrl).build();
    }

    static SenderTiming timing(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "spec" -> SenderTiming.SPEC;
            case "fast" -> SenderTiming.FAST;
            default -> throw new IllegalArgumentException("--timing must be spec or fast, not " + name);
        };
    }

    static ChaosSettings.OutagePolicy outagePolicy(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "pause" -> ChaosSettings.OutagePolicy.PAUSE;
            case "fail" -> ChaosSettings.OutagePolicy.FAIL;
            default -> throw new IllegalArgumentException("--outage-policy must be pause or fail, not " + name);
        };
    }

    static Set<FaultKind> faults(List<String> names) {
        if (names == null) {
            return EnumSet.allOf(FaultKind.class);
        }
        Set<FaultKind> kinds = EnumSet.noneOf(FaultKind.class);
        List<String> unknown = new ArrayList<>();
        for (String n : names) {
            if (n.isBlank() || n.equalsIgnoreCase("none")) {
                continue;
            }
            try {
                kinds.add(FaultKind.of(n));
            } catch (IllegalArgumentException e) {
                unknown.add(n);
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown fault(s) " + unknown + "; known: "
                    + String.join(", ", Arrays.stream(FaultKind.values()).map(FaultKind::label).toList()));
        }
        return kinds;
    }

    private static double positive(String option, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(option + " must be a number above 0, not " + value);
        }
        return value;
    }

    /** The fault proxy connects to loopback only: the receivers must be reachable there. */
    static URI loopbackUrl(String option, String value) {
        URI uri;
        try {
            uri = URI.create(value.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + " is not a URL: " + value);
        }
        if (!"http".equals(uri.getScheme()) || uri.getHost() == null || uri.getRawPath() == null || uri.getRawPath().isEmpty()) {
            throw new IllegalArgumentException(option + " must be an http:// URL with a path, e.g. http://127.0.0.1:4000/sync/patterns, not " + value);
        }
        String host = uri.getHost();
        boolean loopback = host.equals("localhost") || host.equals("[::1]") || host.equals("::1") || host.startsWith("127.");
        if (!loopback) {
            throw new IllegalArgumentException(option + " must be a loopback address (the fault proxy only connects on loopback), not " + host);
        }
        return host.equals("localhost") ? URI.create(value.trim().replaceFirst("localhost", "127.0.0.1")) : uri;
    }
}
