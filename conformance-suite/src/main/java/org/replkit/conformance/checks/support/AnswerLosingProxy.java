package org.replkit.conformance.checks.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.Slf4jNotifier;
import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.net.URI;
import java.util.List;

/**
 * A WireMock proxy in front of a receiver that forwards the first request, lets the receiver answer
 * it, and then resets the connection instead of passing the answer on: the sender sees a failed
 * request for a record the receiver has stored. Later requests are forwarded normally.
 */
public final class AnswerLosingProxy implements AutoCloseable {

    private static final String LOSE = "lose-answer";
    private static final String ANSWER_LOST = "answer lost";

    private final WireMockServer server;

    public AnswerLosingProxy(URI receiver) {
        server = new WireMockServer(options()
                .bindAddress("127.0.0.1")
                .dynamicPort()
                .notifier(new Slf4jNotifier(false))
                .extensions(new LoseAnswer()));
        server.start();
        try {
            String origin = receiver.getScheme() + "://" + receiver.getRawAuthority();
            server.stubFor(any(anyUrl()).inScenario("retry").whenScenarioStateIs(Scenario.STARTED)
                    .willReturn(aResponse().proxiedFrom(origin).withTransformers(LOSE))
                    .willSetStateTo(ANSWER_LOST));
            server.stubFor(any(anyUrl()).inScenario("retry").whenScenarioStateIs(ANSWER_LOST)
                    .willReturn(aResponse().proxiedFrom(origin)));
        } catch (RuntimeException e) {
            server.stop();
            throw e;
        }
    }

    /** The receiver's URL as seen through the proxy (same path and query). */
    public URI through(URI receiver) {
        return URI.create("http://127.0.0.1:" + server.port() + receiver.getRawPath()
                + (receiver.getRawQuery() == null ? "" : "?" + receiver.getRawQuery()));
    }

    /** The HTTP statuses the receiver answered, oldest first, including the ones the proxy dropped. */
    public List<Integer> receiverStatuses() {
        return server.getAllServeEvents().stream()
                .filter(e -> e.getResponse() != null)
                .sorted((a, b) -> a.getRequest().getLoggedDate().compareTo(b.getRequest().getLoggedDate()))
                .map(e -> e.getResponse().getStatus())
                .toList();
    }

    /**
     * The receiver's answer to the first request, once the proxy has logged it. The proxy logs an
     * exchange only after it has passed the answer on (or dropped it), which on a busy machine can be
     * after the client saw its connection reset: so wait for it, a bounded time.
     *
     * @return the status, or empty when the proxy did not log it in time (the kit's trouble, not the receiver's)
     */
    public java.util.Optional<Integer> firstReceiverStatus(java.time.Duration wait) {
        long until = System.nanoTime() + wait.toNanos();
        while (true) {
            List<Integer> seen = receiverStatuses();
            if (!seen.isEmpty()) {
                return java.util.Optional.of(seen.get(0));
            }
            if (System.nanoTime() > until) {
                return java.util.Optional.empty();
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return java.util.Optional.empty();
            }
        }
    }

    @Override
    public void close() {
        server.stop();
    }

    /** Replaces the receiver's answer, once it has been given, by a connection reset. */
    private static final class LoseAnswer implements ResponseTransformerV2 {
        @Override
        public Response transform(Response response, ServeEvent serveEvent) {
            return Response.Builder.like(response).but().fault(Fault.CONNECTION_RESET_BY_PEER).build();
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public String getName() {
            return LOSE;
        }
    }
}
