package org.replkit.conformance.senderverify;

/**
 * How a scripted receiver answers the requests about one record: by attempt (1 for the first request
 * about the record, whatever its snapshot) and by the request itself (its snapshot's version, say).
 */
@FunctionalInterface
public interface Script {

    Reply answer(int attempt, Arrival request);

    /** Answers these statuses in turn, then 200 for every later attempt. */
    static Script statuses(int... first) {
        return (attempt, request) -> attempt <= first.length ? Reply.status(first[attempt - 1]) : Reply.ok(request.recordId().orElse(""));
    }
}
