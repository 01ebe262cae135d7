package org.replkit.chaos.receiver;

import java.net.URI;
import java.util.Optional;
import org.replkit.receivers.store.RecordStore;
import org.replkit.spec.SyncTable;

/**
 * Receivers the user runs, known only by their URLs: the kit cannot kill them nor read their store,
 * so it judges them through their acknowledgements.
 */
public record RemoteReceiver(URI patternsUrl, URI metricsUrl) implements ChaosReceiver {

    @Override
    public URI url(SyncTable table) {
        return table == SyncTable.PATTERNS ? patternsUrl : metricsUrl;
    }

    @Override
    public String describe() {
        return "receivers at " + patternsUrl + " and " + metricsUrl;
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
