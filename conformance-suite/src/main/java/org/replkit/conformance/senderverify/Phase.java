package org.replkit.conformance.senderverify;

/** When a scenario runs. The phases run one after another; the scenarios of a phase together. */
public enum Phase {
    /**
     * First, apart from the others: a held answer delays every request of the same pg_net pass (its
     * pass-mates), so the scenarios that hold one (timeout, order) run while no other waits for a delivery.
     */
    ALONE,
    /** In parallel, each on records of its own. */
    PARALLEL,
    /** After the parallel ones: scenarios that stop or restart the sender. */
    DISRUPTIVE,
    /** Last, once every delivery has ended: what the sender's status functions say about the whole run. */
    AUDIT
}
