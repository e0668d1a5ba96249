package org.quorumee.node.chain;

import java.util.List;

/**
 * A block was stored and became the head. Fired by the {@link BlockImporter} once the block's
 * transaction has committed, on the importing thread: observers (filters, subscriptions, the pool)
 * must be quick and must not fail.
 */
public record NewBlockEvent(StoredBlock block, List<StoredLog> logs) {
}
