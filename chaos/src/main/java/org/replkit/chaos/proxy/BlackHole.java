package org.replkit.chaos.proxy;

import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The black hole: a request is accepted and never answered nor forwarded. WireMock has no such
 * answer (a delay ends in an answer), so the request is held until its sender hangs up, which only
 * the connection shows ({@link SenderConnection#hungUp}); the stub's reset then closes what is left.
 */
final class BlackHole extends StubExtension implements ResponseDefinitionTransformerV2 {

    static final String NAME = "black-hole";
    private static final long POLL_MS = 20;

    private final AtomicBoolean closed;

    BlackHole(ExchangeNotes notes, AtomicBoolean closed) {
        super(NAME, notes);
        this.closed = closed;
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
        SenderConnection connection = notes.of(event).connection;
        while (!closed.get() && !connection.hungUp()) {
            HoldThenForward.pause(POLL_MS, closed);
        }
        return event.getResponseDefinition();
    }
}
