package org.quorumee.node.chain;

import java.util.List;

/**
 * A block was stored and became the head. Fired inside the storing transaction; observers that act
 * on it (filters, subscriptions, the pool) observe it after that transaction commits.
 */
public record NewBlockEvent(StoredBlock block, List<StoredLog> logs) {
}
