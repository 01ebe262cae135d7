package org.replkit.chaos.receiver;

import java.net.URI;
import java.util.Optional;
import org.replkit.receivers.store.RecordStore;

/**
 * Receivers the user runs, known only by their URLs: the kit cannot kill them nor read their store,
 * so it judges them through their acknowledgements.
 */
public final class RemoteReceiver implements ChaosReceiver {

    private final URI patterns;
    private final URI metrics;

    public RemoteReceiver(URI patterns, URI metrics) {
        this.patterns = patterns;
        this.metrics = metrics;
    }

    @Override
    public String describe() {
        return "receivers at " + patterns + " and " + metrics;
    }

    @Override
    public URI patternsUrl() {
        return patterns;
    }

    @Override
    public URI metricsUrl() {
        return metrics;
    }

    @Override
    public boolean keepsData() {
        return true;
    }

    @Override
    public boolean canKill() {
        return false;
    }

    @Override
    public void kill() {
        throw new UnsupportedOperationException("the kit does not run these receivers and cannot kill them");
    }

    @Override
    public void restart() {
        throw new UnsupportedOperationException("the kit does not run these receivers");
    }

    @Override
    public Optional<RecordStore> store() {
        return Optional.empty();
    }

    @Override
    public void close() {
        // not ours
    }
}
