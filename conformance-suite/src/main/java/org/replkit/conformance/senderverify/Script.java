package org.replkit.conformance.senderverify;

/** How a scripted receiver answers the requests about one record: by attempt (1 for the first request). */
@FunctionalInterface
public interface Script {

    Reply answer(int attempt, String recordId);

    /** Answers these statuses in turn, then 200 for every later attempt. */
    static Script statuses(int... first) {
        return (attempt, id) -> attempt <= first.length ? Reply.status(first[attempt - 1]) : Reply.ok(id);
    }
}
