package org.replkit.receivers.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.replkit.receivers.record.Snapshot;
import org.replkit.receivers.store.RecordStore.UpsertOutcome;

/**
 * Gathers concurrent deliveries into batches without a thread of its own: a request thread queues
 * its delivery and, when fewer than {@code writerCount} batches are being written, becomes a writer
 * itself: it takes every delivery waiting (up to {@value #MAX_BATCH}, its own among them) and hands
 * them to a {@link BatchWriter}, which stores them in one transaction and answers each delivery
 * after the commit. While the writers are busy, deliveries pile up in the queue and the next
 * writer takes them all at once, so batches grow with the load (as PostgreSQL's own group commit
 * does) and no time is spent waiting for a batch to fill.
 *
 * <p>Why no writer threads: handing each delivery to a writer thread and its answer back costs two
 * thread wake-ups per delivery, which on a small machine cost as much CPU as the upsert itself.
 * Here the writer answers its own delivery without a wake-up, and a delivery another thread's batch
 * took costs one.
 *
 * <p>Deliveries are taken in arrival order (SYNC-TIME-02: under a burst none waits far longer than
 * the burst takes to drain). A writer that finished while deliveries still wait wakes the oldest
 * one's thread to write the next batch. A request thread waits at most {@value #ANSWER_TIMEOUT_MS}
 * ms for its answer and then answers 503, which the sender retries (SYNC-TIME-01); a delivery
 * abandoned that way before a writer took it is skipped.
 */
final class GroupCommit implements AutoCloseable {

    static final int MAX_BATCH = 64;
    /** Inside the sender's 5 s timeout, with room for the answer to travel (SYNC-TIME-01). */
    static final long ANSWER_TIMEOUT_MS = 4_000;
    /** A waiting thread looks again this often even unwoken: a lost wake-up costs this much, never the timeout. */
    private static final long RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    /** Stores a batch and answers each of its deliveries (with an outcome or a failure). */
    @FunctionalInterface
    interface BatchWriter {
        void write(List<Delivery> batch);
    }

    private final ConcurrentLinkedQueue<Delivery> waiting = new ConcurrentLinkedQueue<>();
    private final BatchWriter writer;
    /** One permit per batch that may be written at once (one pool connection each). */
    private final Semaphore writing;
    private final int writerCount;
    private volatile boolean closed;

    GroupCommit(BatchWriter writer, int writerCount) {
        this.writer = writer;
        this.writerCount = writerCount;
        this.writing = new Semaphore(writerCount);
    }

    /** Queues the snapshot and returns once its batch committed (written by this thread or another). */
    UpsertOutcome submit(Snapshot snapshot) {
        if (closed) {
            throw new StoreUnavailableException("the store is closed", null);
        }
        Delivery delivery = new Delivery(snapshot);
        waiting.add(delivery);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ANSWER_TIMEOUT_MS);
        while (!delivery.done()) {
            if (closed) {
                delivery.fail(new StoreUnavailableException("the store closed before this delivery was stored", null));
                break;
            }
            if (!delivery.taken && writing.tryAcquire()) {
                try {
                    writeUntilTaken(delivery);
                } finally {
                    writing.release();
                }
                wakeOldestWaiting();
                continue;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                delivery.fail(new StoreUnavailableException("storage busy: not stored within " + ANSWER_TIMEOUT_MS + " ms", null));
                break;  // answered in the meantime after all, or the failure just set
            }
            if (Thread.interrupted()) {
                delivery.fail(new StoreUnavailableException("interrupted while waiting for the commit", null));
                Thread.currentThread().interrupt();
                break;
            }
            LockSupport.parkNanos(this, Math.min(left, RECHECK_NANOS));
        }
        try {
            return delivery.answer.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    /**
     * Writes batches of the oldest waiting deliveries until one of them held the given delivery,
     * which is then answered; or stops when another writer took it (its answer comes with that
     * writer's commit).
     */
    private void writeUntilTaken(Delivery own) {
        while (!own.taken) {
            List<Delivery> batch = takeWaiting();
            if (batch.isEmpty()) {
                return;
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

    private List<Delivery> takeWaiting() {
        List<Delivery> batch = new ArrayList<>();
        for (Delivery d; batch.size() < MAX_BATCH && (d = waiting.poll()) != null; ) {
            d.taken = true;
            if (!d.done()) {        // abandoned by its request thread (it answered 503)
                batch.add(d);
            }
        }
        return batch;
    }

    /** After a write: the oldest delivery still waiting gets its thread woken to write the next batch. */
    private void wakeOldestWaiting() {
        for (Delivery d; (d = waiting.peek()) != null; ) {
            if (!d.done()) {
                LockSupport.unpark(d.requestThread);
                return;
            }
            waiting.remove(d);
        }
    }

    /** Refuses new deliveries, fails those still waiting, and waits (a while) for the batches being written. */
    @Override
    public void close() {
        closed = true;
        for (Delivery d; (d = waiting.poll()) != null; ) {
            d.fail(new StoreUnavailableException("the store closed before this delivery was stored", null));
        }
        try {
            if (writing.tryAcquire(writerCount, ANSWER_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                writing.release(writerCount);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
