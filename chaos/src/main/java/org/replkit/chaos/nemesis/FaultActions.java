package org.replkit.chaos.nemesis;

import java.util.function.BiConsumer;
import org.replkit.chaos.proxy.WireFault;

/**
 * What the nemesis can do to the system under test; each action returns once it has taken effect.
 *
 * @param wire            sets the proxy fault of one lane ({@link WireFault#PASS} ends it)
 * @param killReceiver    kills the receiver process (SIGKILL)
 * @param restartReceiver starts the receiver process again, on the same port and store; returns once it answers
 * @param crashSender     stops the sender's PostgreSQL as a crash would
 * @param restartSender   starts the sender's PostgreSQL again on the same data; returns once it answers
 */
public record FaultActions(BiConsumer<String, WireFault> wire, Runnable killReceiver, Runnable restartReceiver,
                           Runnable crashSender, Runnable restartSender) {
}
