package org.replkit.receivers.store;

class InMemoryStoreTest extends StoreContractTest {

    @Override
    RecordStore openStore() {
        return new InMemoryStore();
    }

    @Override
    RecordStore openEmptyStore() {
        return new InMemoryStore();
    }
}
