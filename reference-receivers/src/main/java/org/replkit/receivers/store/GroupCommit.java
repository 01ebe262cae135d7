package org.replkit.receivers.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.replkit.receivers.store.RecordStore.UpsertOutcome;

/**
 * Gathers concurrent deliveries into batches: a writer takes the oldest waiting delivery and every
 * other one waiting then, up to {@value #MAX_BATCH}, and hands the batch to a {@link BatchWriter},
 * which stores it in one transaction and answers each delivery after the commit. A writer writes
 * one batch at a time, so deliveries pile up while a batch commits, and batches grow with the load.
 * A writer does not wait for more to arrive: under wrk's 16 connections on 2 cores, with two
 * writers, a 1 ms gathering window made each batch wait that long and the store reached 0.34-0.59
 * of raw pgbench upserts (median 0.37 over 9 rounds); taking only what waits, 0.31-0.61 (median
 * 0.51 over 7 rounds). Four writers without the window: 0.32-0.34; how many writers the store
 * runs is said in {@link PostgresStore}.
 *
 * <p>Deliveries are taken in arrival order (SYNC-TIME-02: under a burst none waits far longer than
 * the burst takes to drain). A request thread waits at most {@value #ANSWER_TIMEOUT_MS} ms for its
 * answer and then answers 503, which the sender retries (SYNC-TIME-01); a delivery abandoned that
 * way before a writer took it is skipped.
 */
final class GroupCommit implements AutoCloseable {

    static final int MAX_BATCH = 64;
    /** Inside the sender's 5 s timeout, with room for the answer to travel (SYNC-TIME-01). */
    static final long ANSWER_TIMEOUT_MS = 4_000;

    /** Stores a batch and answers each of its deliveries (with an outcome or a failure). */
    @FunctionalInterface
    interface BatchWriter {
        void write(List<Delivery> batch);
    }

    private final LinkedBlockingQueue<Delivery> waiting = new LinkedBlockingQueue<>();
    private final BatchWriter writer;
    private final List<Thread> writers = new ArrayList<>();
    private volatile boolean closed;

    GroupCommit(BatchWriter writer, int writerCount) {
        this.writer = writer;
        for (int i = 0; i < writerCount; i++) {
            Thread t = new Thread(this::writeBatches, "group-commit-" + i);
            t.setDaemon(true);
            writers.add(t);
            t.start();
        }
    }

    /** Queues the delivery and waits until its batch committed. */
    UpsertOutcome submit(Delivery delivery) {
        if (closed) {
            throw new StoreUnavailableException("the store is closed", null);
        }
        waiting.add(delivery);
        try {
            return delivery.answer.get(ANSWER_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            delivery.fail(new StoreUnavailableException("storage busy: not stored within " + ANSWER_TIMEOUT_MS + " ms", e));
            return delivery.answer.join();   // answered in the meantime after all, or the failure just set
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted while waiting for the commit", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    private void writeBatches() {
        while (!closed) {
            List<Delivery> batch;
            try {
                batch = gather();
            } catch (InterruptedException e) {
                return;
            }
            if (batch.isEmpty()) {
                continue;
            }
            try {
                writer.write(batch);
            } catch (RuntimeException e) {
                batch.forEach(d -> d.fail(e));
            }
            batch.forEach(d -> {
                if (!d.done()) {
                    d.fail(new IllegalStateException("a delivery of the batch was left unanswered"));
                }
            });
        }
    }

    private List<Delivery> gather() throws InterruptedException {
        List<Delivery> batch = new ArrayList<>();
        Delivery first = waiting.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
            return batch;
        }
        addUnlessAbandoned(batch, first);
        for (Delivery next; batch.size() < MAX_BATCH && (next = waiting.poll()) != null; ) {
            addUnlessAbandoned(batch, next);
        }
        return batch;
    }

    private static void addUnlessAbandoned(List<Delivery> batch, Delivery d) {
        if (!d.done()) {
            batch.add(d);
        }
    }

    @Override
    public void close() {
        closed = true;
        writers.forEach(Thread::interrupt);
        for (Thread t : writers) {
            try {
                t.join(ANSWER_TIMEOUT_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (Delivery d; (d = waiting.poll()) != null; ) {
            d.fail(new StoreUnavailableException("the store closed before this delivery was stored", null));
        }
    }
}
