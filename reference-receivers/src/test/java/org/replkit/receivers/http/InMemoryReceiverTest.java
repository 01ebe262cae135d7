package org.replkit.receivers.http;

import org.replkit.receivers.ReceiverOptions;

/** The receiver rules on the in-memory store (the embedded default). */
class InMemoryReceiverTest extends ReceiverContractTest {

    @Override
    ReceiverOptions storeOptions() {
        return ReceiverOptions.embedded();
    }
}
