package org.replkit.receivers.store;

import java.util.concurrent.CompletableFuture;
import org.replkit.receivers.record.Snapshot;
import org.replkit.receivers.store.RecordStore.UpsertOutcome;

/** One snapshot waiting in the group commit, and the answer its request thread waits for. */
final class Delivery {

    final Snapshot snapshot;
    /** The snapshot's column values as the statements bind them ({@link KindUpserts#columnValues}). */
    final Object[] columns;
    final CompletableFuture<UpsertOutcome> answer = new CompletableFuture<>();
    /** The outcome once the batch's statements ran; handed to {@link #answer} after the commit. */
    UpsertOutcome outcome;
    RuntimeException failure;

    Delivery(Snapshot snapshot, Object[] columns) {
        this.snapshot = snapshot;
        this.columns = columns;
    }

    /** Completes the answer with the outcome or the failure; later calls change nothing. */
    void answer() {
        if (failure != null) {
            answer.completeExceptionally(failure);
        } else {
            answer.complete(outcome);
        }
    }

    void fail(RuntimeException e) {
        failure = e;
        answer();
    }

    /** Abandoned by its request thread (it answered 503), or answered already. */
    boolean done() {
        return answer.isDone();
    }
}
