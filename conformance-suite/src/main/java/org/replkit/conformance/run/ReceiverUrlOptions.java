package org.replkit.conformance.run;

import java.util.Optional;
import org.replkit.conformance.model.Text;
import org.replkit.receivers.ReceiverOptions;
import org.replkit.receivers.ReceiverServer;
import org.replkit.spec.CouldNotRun;
import picocli.CommandLine.Option;

/** {@code --patterns-url} and {@code --metrics-url}: the receivers a command sends to (a picocli mixin). */
public final class ReceiverUrlOptions {

    @Option(names = "--patterns-url", paramLabel = "URL", description = "Full URL of a pattern receiver, e.g. http://host:4000/sync/patterns.")
    String patternsUrl;

    @Option(names = "--metrics-url", paramLabel = "URL", description = "Full URL of a metrics receiver, e.g. http://host:4001/sync/metrics.")
    String metricsUrl;

    public String patternsUrl() {
        return patternsUrl;
    }

    public String metricsUrl() {
        return metricsUrl;
    }

    /** Neither URL given: the command runs against the embedded reference receivers. */
    public boolean noneGiven() {
        return patternsUrl == null && metricsUrl == null;
    }

    /** Starts the embedded reference receivers, or refuses the run in one line when they will not start. */
    public static ReceiverServer startEmbedded(ReceiverOptions options) {
        try {
            return ReceiverServer.start(options);
        } catch (RuntimeException e) {
            throw new CouldNotRun("cannot start the embedded reference receivers: " + Text.firstLine(e.getMessage()), e);
        }
    }

    /** The first URL that is not an http(s) URL, as a one-line usage error. */
    public Optional<String> firstBadUrl() {
        Optional<String> patterns = patternsUrl == null ? Optional.empty() : Preflight.badUrl("--patterns-url", patternsUrl);
        return patterns.or(() -> metricsUrl == null ? Optional.empty() : Preflight.badUrl("--metrics-url", metricsUrl));
    }
}
