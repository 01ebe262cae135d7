package org.replkit.load.simulations;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import org.replkit.load.DeliverySigning;
import org.replkit.sender.SenderDatabase;
import org.replkit.spec.SyncTable;

/**
 * What a simulation fed by the sender database holds open: the sender, the receiver instances it
 * registered there and the other resources, closed in reverse order of opening.
 */
final class SenderRun implements AutoCloseable {

    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private final List<UUID> registered = new ArrayList<>();
    private SenderDatabase sender;

    /** The sender at {@code jdbcUrl}, or a fresh local one when it is empty. */
    SenderDatabase openSender(String jdbcUrl) {
        sender = jdbcUrl.isEmpty() ? SenderDatabase.start() : SenderDatabase.connect(jdbcUrl);
        return sender;
    }

    void register(String name, String url, SyncTable table) {
        registered.add(sender.registerInstance(name, url, table, null, DeliverySigning.secret().orElse(null))); // signed when the run signs
    }

    /** Closed at the end, before the resources opened earlier. */
    <T extends AutoCloseable> T hold(T resource) {
        resources.push(resource);
        return resource;
    }

    @Override
    public void close() {
        while (!resources.isEmpty()) {
            try {
                resources.pop().close();
            } catch (Exception ignored) {
                // closing the rest matters more
            }
        }
        if (sender != null) {
            // A sender the user runs must not keep pushing to receivers that are gone.
            for (UUID id : registered) {
                try {
                    sender.deactivateInstance(id);
                } catch (RuntimeException ignored) {
                    // best effort
                }
            }
            registered.clear();
            sender.close();
            sender = null;
        }
    }
}
