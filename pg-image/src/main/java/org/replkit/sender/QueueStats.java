package org.replkit.sender;

/**
 * The figures of replication.get_queue_stats(): items in flight count as pending, so
 * total = pending + success + failed.
 */
public record QueueStats(long pending, long success, long failed, long total) {}
