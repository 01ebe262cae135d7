package org.replkit.chaos.receiver;

import java.net.URI;
import java.util.Optional;
import org.replkit.receivers.store.RecordStore;
import org.replkit.spec.SyncTable;

/** The receivers a chaos run delivers to: where their two endpoints are, and what the nemesis may do to them. */
public interface ChaosReceiver extends AutoCloseable {

    /** For the report, e.g. "reference receivers, PostgreSQL store (…)"; never a password. */
    String describe();

    /** The endpoint of a table's receiver. */
    URI url(SyncTable table);

    /** True when the store is meant to survive a restart of the receiver process. */
    boolean keepsData();

    /** True when the nemesis can kill and restart the receiver process. */
    boolean canKill();

    void kill();

    void restart();

    /** The store, read directly after the run, where the kit knows it; empty for a receiver known only by URL. */
    Optional<RecordStore> store();

    @Override
    void close();
}
