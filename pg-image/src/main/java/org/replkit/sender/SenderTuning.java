package org.replkit.sender;

/**
 * How fast the sender can go (replication.configure). Defaults: 10000 items per tick, pg_net's own
 * batch size (200), four stand-in senders. pg-image/README.md has measured figures per setting.
 *
 * @param dispatchBatchSize items handed to pg_net per tick at most: at a 5 s cadence this caps the
 *                          sender at dispatchBatchSize / 5 deliveries per second
 * @param pgnetBatchSize    pg_net.batch_size, server-wide (as pg_net 0.20 reads it), or null for
 *                          pg_net's default (200): requests per pass, for pg_net and the stand-in alike
 * @param standinWorkers    senders of the pg_net stand-in (requests of a pass in flight at once), 1 to 32 (ignored where the real pg_net sends)
 */
public record SenderTuning(int dispatchBatchSize, Integer pgnetBatchSize, int standinWorkers) {

    /** What a new sender database has. */
    public static final SenderTuning DEFAULT = new SenderTuning(10_000, null, 4);

    public SenderTuning {
        if (dispatchBatchSize < 1) {
            throw new IllegalArgumentException("dispatchBatchSize must be at least 1, got " + dispatchBatchSize);
        }
        if (pgnetBatchSize != null && pgnetBatchSize < 1) {
            throw new IllegalArgumentException("pgnetBatchSize must be at least 1 (or null), got " + pgnetBatchSize);
        }
        if (standinWorkers < 1 || standinWorkers > 32) {
            throw new IllegalArgumentException("standinWorkers must be between 1 and 32, got " + standinWorkers);
        }
    }
}
