package org.replkit.conformance.http;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.replkit.conformance.model.Exchange;

/**
 * The recent exchanges of one check, so that a failure can show what was sent and answered.
 * Thread-safe: burst and concurrency checks record from many threads.
 */
public final class ExchangeLog {

    private static final int KEEP = 100;

    private final Deque<Exchange> recent = new ArrayDeque<>();
    private long recorded;

    public synchronized void add(Exchange e) {
        recent.addLast(e);
        recorded++;
        if (recent.size() > KEEP) {
            recent.removeFirst();
        }
    }

    /** A position to pass to {@link #since(long)}. */
    public synchronized long mark() {
        return recorded;
    }

    /** The exchanges recorded after {@code mark} (as many as are still kept). */
    public synchronized List<Exchange> since(long mark) {
        int wanted = (int) Math.min(recent.size(), recorded - mark);
        List<Exchange> all = new ArrayList<>(recent);
        return List.copyOf(all.subList(all.size() - wanted, all.size()));
    }

    /** The last {@code n} exchanges, oldest first. */
    public synchronized List<Exchange> last(int n) {
        List<Exchange> all = new ArrayList<>(recent);
        return List.copyOf(all.subList(Math.max(0, all.size() - n), all.size()));
    }
}
