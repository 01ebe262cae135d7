package org.replkit.chaos.proxy;

import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.replkit.chaos.proxy.Exchange.Outcome;

/** What the proxy learns about each request while it handles it, until the exchange is recorded. */
final class ExchangeNotes {

    /** One request's notes; each is written by one step of its handling, on its handling thread. */
    static final class Note {
        volatile SenderConnection connection = SenderConnection.UNKNOWN;
        volatile Instant forwarded;
        volatile Integer receiverStatus;
        volatile byte[] receiverBody;
        volatile Outcome outcome;
        volatile String detail;
    }

    private final Map<UUID, Note> notes = new ConcurrentHashMap<>();

    Note of(ServeEvent event) {
        return notes.computeIfAbsent(event.getId(), id -> new Note());
    }

    Note remove(ServeEvent event) {
        Note n = notes.remove(event.getId());
        return n != null ? n : new Note();
    }
}
