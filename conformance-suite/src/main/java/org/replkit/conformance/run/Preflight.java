package org.replkit.conformance.run;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import org.replkit.spec.CouldNotRun;

/** Checks before a run that a target URL is usable and answers, so that a typo costs one line, not a report. */
public final class Preflight {

    private static final int CONNECT_TIMEOUT_MS = 3_000;

    private Preflight() {}

    /** Why the option's value is not a usable endpoint URL, if it is not. */
    public static Optional<String> badUrl(String option, String value) {
        URI uri;
        try {
            uri = URI.create(value);
        } catch (IllegalArgumentException e) {
            return Optional.of(option + " " + value + " is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Optional.of(option + " " + value + " is not an http(s) URL (give the full endpoint URL, e.g. http://host:4000/sync/patterns)");
        }
        if (uri.getHost() == null) {
            return Optional.of(option + " " + value + " has no host");
        }
        return Optional.empty();
    }

    /** Refuses the run (a one-line {@link CouldNotRun}) when one of the URLs' host and port cannot be reached. */
    public static void requireReachable(Collection<URI> urls) {
        for (URI url : urls) {
            unreachable(url).ifPresent(why -> {
                throw new CouldNotRun(why);
            });
        }
    }

    /** Why the URL's host and port cannot be reached, if they cannot. */
    public static Optional<String> unreachable(URI url) {
        int port = url.getPort() > 0 ? url.getPort() : "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(url.getHost(), port), CONNECT_TIMEOUT_MS);
            return Optional.empty();
        } catch (IOException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return Optional.of("cannot reach " + url + ": " + why.toLowerCase(Locale.ROOT));
        }
    }
}
