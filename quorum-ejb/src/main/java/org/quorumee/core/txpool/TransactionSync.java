package org.quorumee.core.txpool;

import java.util.ArrayList;
import java.util.List;
import org.quorumee.core.tx.Transaction;

/**
 * go-ethereum's transaction sync: what a peer that has just connected is sent, so that it holds what
 * this node's pool holds whatever it missed while the link was down (a Raft leader cut off from its
 * peers keeps the transactions sent to it; once linked again they must reach the new leader).
 *
 * <p>The pending transactions only (queued ones wait for a nonce gap the peer cannot fill either),
 * sender by sender in nonce order, so that the peer's pool takes each as pending; in batches whose
 * raw transactions add up to at most a byte budget, one message each. Gossip batches what enters the
 * pool the same way ({@link #batches(Iterable, int)}).
 */
public final class TransactionSync {
    /** An RLP byte string's longest header (lengths below 2^32): one type byte and four length bytes. */
    static final int ITEM_OVERHEAD = 5;

    private TransactionSync() {
    }

    /**
     * The pool's pending transactions, encoded, in batches of at most {@code maxBatchBytes} each
     * (headers of their RLP strings counted). A transaction that fills more than a batch on its own is
     * left out (no peer would take a message that large).
     */
    public static List<List<byte[]>> batches(PoolContent content, int maxBatchBytes) {
        return batches(() -> content.pending().values().stream().flatMap(List::stream).iterator(), maxBatchBytes);
    }

    /**
     * Transactions, encoded, in their order, in batches of at most {@code maxBatchBytes} each (headers
     * of their RLP strings counted); one larger than a batch on its own is left out.
     */
    public static List<List<byte[]>> batches(Iterable<Transaction> transactions, int maxBatchBytes) {
        List<List<byte[]>> batches = new ArrayList<>();
        List<byte[]> batch = new ArrayList<>();
        long batchBytes = 0;
        for (Transaction tx : transactions) {
            byte[] raw = tx.encoded();
            long size = (long) raw.length + ITEM_OVERHEAD;
            if (size > maxBatchBytes) {
                continue;
            }
            if (batchBytes + size > maxBatchBytes) {
                batches.add(List.copyOf(batch));
                batch.clear();
                batchBytes = 0;
            }
            batch.add(raw);
            batchBytes += size;
        }
        if (!batch.isEmpty()) {
            batches.add(List.copyOf(batch));
        }
        return batches;
    }
}
