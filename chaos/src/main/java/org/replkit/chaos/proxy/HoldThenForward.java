package org.replkit.chaos.proxy;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Before a request is forwarded: holds it for the latency fault's delay (even if the sender gives
 * up meanwhile), then notes when it went on to the receiver. Under the black hole it holds the
 * request until its sender hangs up: WireMock has no such answer (a delay ends in an answer), and
 * only the connection shows the hang-up ({@link SenderConnection#hungUp}); the stub's reset then
 * closes what is left.
 */
final class HoldThenForward extends StubExtension implements ResponseDefinitionTransformerV2 {

    static final String NAME = "hold-then-forward";
    private static final long STEP_MS = 50;
    private static final long HANG_UP_POLL_MS = 20;

    private final AtomicBoolean closed;

    HoldThenForward(ExchangeNotes notes, AtomicBoolean closed) {
        super(NAME, notes);
        this.closed = closed;
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
        WireFault fault = FaultStubs.faultOf(event);
        if (fault.kind() == WireFault.Kind.HOLD) {
            SenderConnection connection = notes.of(event).connection;
            while (!closed.get() && !connection.hungUp()) {
                pause(HANG_UP_POLL_MS);
            }
            return event.getResponseDefinition();
        }
        if (fault.kind() == WireFault.Kind.DELAY) {
            pause(fault.delayMillis());
        }
        if (closed.get()) {
            return ResponseDefinitionBuilder.responseDefinition().withFault(Fault.CONNECTION_RESET_BY_PEER).build();
        }
        notes.of(event).forwarded = Instant.now();
        return event.getResponseDefinition();
    }

    /** Sleeps {@code millis}, or less when the proxy closes. */
    private void pause(long millis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (!closed.get()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            try {
                TimeUnit.NANOSECONDS.sleep(Math.min(left, TimeUnit.MILLISECONDS.toNanos(STEP_MS)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
