package org.quorumee.core.txpool;

/** Counts of transactions, as {@code txpool_status} reports them. */
public record PoolStatus(int pending, int queued) {
}
