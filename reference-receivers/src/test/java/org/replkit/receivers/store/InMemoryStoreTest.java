package org.replkit.receivers.store;

class InMemoryStoreTest extends StoreContractTest {

    @Override
    RecordStore openStore() {
        return new InMemoryStore();
    }
}
