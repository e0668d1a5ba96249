package org.quorumee.core.txpool;

import java.util.List;
import org.quorumee.core.tx.Transaction;

/**
 * Told of transactions that became pending (executable): newly added or promoted from the queue.
 * Called after the pool released its lock, on the thread that caused the change (an adding thread,
 * or the one calling {@link TransactionPool#onNewHead}); keep it short and thread-safe. Two changes
 * on different threads may be reported in either order.
 */
@FunctionalInterface
public interface TransactionPoolListener {
    void onNewPendingTransactions(List<Transaction> transactions);
}
