package org.replkit.chaos.nemesis;

import org.replkit.chaos.proxy.WireFault;

/** What the nemesis can do to the system under test; each call returns once the action has taken effect. */
public interface FaultActions {

    /** Sets the proxy fault of one lane ({@link WireFault#PASS} ends it). */
    void wire(String lane, WireFault fault);

    /** Kills the receiver process (SIGKILL). */
    void killReceiver();

    /** Starts the receiver process again, on the same port and store; returns once it answers. */
    void restartReceiver();

    /** Stops the sender's PostgreSQL as a crash would. */
    void crashSender();

    /** Starts the sender's PostgreSQL again on the same data; returns once it answers. */
    void restartSender();
}
