package com.example.receiver;

import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.replkit.conformance.junit.ReplicationConformance;

/** The whole replication contract, one test per requirement and endpoint. */
class ReplicationContractTest {

    static final ExampleReceiver RECEIVER = ExampleReceiver.start();

    @TestFactory
    Stream<DynamicTest> replicationContract() {
        return ReplicationConformance.receiver()
                .patternsUrl(RECEIVER.url("/sync/patterns"))
                .metricsUrl(RECEIVER.url("/sync/metrics"))
                .tests();
    }

    @AfterAll
    static void stop() {
        RECEIVER.close();
    }
}
