package org.replkit.receivers.store;

/**
 * Runs in the PostgreSQL store's group commit after a batch's statements and just before its
 * COMMIT. The store acknowledges each delivery only after the commit; the hook is handed the
 * acknowledgement so that the kit's tests can plant the defect of acknowledging early (and widen
 * the window in which a kill loses what was acknowledged). The reference receivers use {@link #NONE}.
 */
@FunctionalInterface
public interface CommitHook {

    CommitHook NONE = acknowledgeNow -> { };

    /** @param acknowledgeNow answers every delivery of the batch at once (a planted defect calls it) */
    void beforeCommit(Runnable acknowledgeNow);
}
