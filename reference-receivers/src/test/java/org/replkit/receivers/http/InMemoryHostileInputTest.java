package org.replkit.receivers.http;

import org.replkit.receivers.ReceiverOptions;

/** Hostile input on the in-memory store. */
class InMemoryHostileInputTest extends HostileInputTest {

    @Override
    ReceiverOptions storeOptions() {
        return ReceiverOptions.embedded();
    }
}
