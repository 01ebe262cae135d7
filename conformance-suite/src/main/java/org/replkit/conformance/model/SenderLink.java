package org.replkit.conformance.model;

import java.time.Duration;

/**
 * A sender database the end-to-end check (E2E-01) can drive: it registers the receiver under test
 * as an instance, inserts a row and reports what its audit trail says about the delivery.
 */
public interface SenderLink {

    /** For the report, without secrets: for example "jdbc:postgresql://127.0.0.1:5432/kit". */
    String describe();

    /**
     * Registers {@code receiverUrl} (with {@code token} and {@code signingSecret}, each may be null) for
     * the table, inserts {@code recordJson} as a new row and waits up to {@code timeout} for the row's
     * delivery to end.
     */
    Delivery insertAndAwait(EndpointKind endpoint, String receiverUrl, String token, String signingSecret, String recordJson,
                            Duration timeout) throws Exception;

    /**
     * What the sender's audit trail recorded.
     *
     * @param queueStatus the replication_queue status of the row's item (success, failed, pending)
     * @param httpStatus  the receiver's last HTTP status, or null
     * @param detail      the last error or answer body, for the report
     */
    record Delivery(String queueStatus, Integer httpStatus, String detail) {}
}
