package org.replkit.chaos.proxy;

import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.replkit.chaos.proxy.Exchange.Outcome;
import org.replkit.spec.SyncHeaders;

/**
 * Records every request the proxy handled as an {@link Exchange}, once what reaches the sender is
 * decided (just before WireMock writes it: a write to a sender that is gone would end the request
 * without a later event). Also counts the requests in progress.
 */
final class ExchangeRecorder implements ServeEventListener {

    private final String lane;
    private final SenderConnections connections;
    private final ExchangeNotes notes;
    private final Consumer<Exchange> log;
    private final AtomicInteger inProgress = new AtomicInteger();

    ExchangeRecorder(String lane, SenderConnections connections, ExchangeNotes notes, Consumer<Exchange> log) {
        this.lane = lane;
        this.connections = connections;
        this.notes = notes;
        this.log = log;
    }

    int inProgress() {
        return inProgress.get();
    }

    @Override
    public void beforeMatch(ServeEvent event, Parameters parameters) {
        inProgress.incrementAndGet();
        notes.of(event).connection = connections.current();
    }

    @Override
    public void beforeResponseSent(ServeEvent event, Parameters parameters) {
        try {
            ExchangeNotes.Note n = notes.remove(event);
            WireFault fault = FaultStubs.faultOf(event);
            LoggedRequest q = event.getRequest();
            log.accept(new Exchange(lane, n.connection.number(), q.getLoggedDate().toInstant(), q.getMethod().getName(),
                    q.getUrl(), header(q, SyncHeaders.RECORD_ID), header(q, SyncHeaders.EVENT_TYPE), q.getBody(), fault,
                    n.forwarded, n.receiverStatus, n.receiverBody, n.outcome != null ? n.outcome : outcome(fault),
                    n.detail != null || fault.kind() != WireFault.Kind.ANSWER_429 ? n.detail
                            : "Retry-After: " + fault.retryAfterSeconds(),
                    Instant.now()));
        } finally {
            inProgress.decrementAndGet();
        }
    }

    /** What the sender got when the proxy answered in the receiver's place. */
    private static Outcome outcome(WireFault fault) {
        return switch (fault.kind()) {
            case HOLD -> Outcome.HELD;
            case REFUSE -> Outcome.REFUSED;
            case ANSWER_503 -> Outcome.PROXY_503;
            case ANSWER_429 -> Outcome.PROXY_429;
            case ANSWER_410 -> Outcome.PROXY_410;
            default -> Outcome.RECEIVER_UNREACHABLE; // forwarded, yet no answer noted: the proxy closed meanwhile
        };
    }

    private static String header(LoggedRequest q, String name) {
        return q.containsHeader(name) ? q.getHeader(name) : null;
    }

    @Override
    public boolean applyGlobally() {
        return true;
    }

    @Override
    public String getName() {
        return "exchange-recorder";
    }
}
