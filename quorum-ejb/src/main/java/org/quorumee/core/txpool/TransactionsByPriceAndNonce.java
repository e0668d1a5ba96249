package org.quorumee.core.txpool;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import org.quorumee.core.tx.Transaction;

/**
 * The block producer's walk over a snapshot of the pending transactions (go-ethereum's
 * price-and-nonce order): each sender's transactions in nonce order; across senders, the head
 * transaction paying the highest effective tip at the base fee comes first, earlier arrival first
 * on equal tips (so with every price at 0, as on Quorum, senders take turns in arrival order).
 * A sender whose next transaction's fee cap is below the base fee is left out from there on.
 *
 * <p>Drive it as the producer executes: {@link #peek()} the best transaction, then {@link #shift()}
 * when it went in (the sender's next one competes) or {@link #pop()} when it failed (the sender's
 * later ones would fail too). Not thread-safe; the snapshot does not change as the pool does.
 */
public final class TransactionsByPriceAndNonce {

    /** A sender's remaining transactions and the effective tip of the first one. */
    private static final class SenderQueue {
        final List<PooledTransaction> txs;
        int next;
        BigInteger tip;

        SenderQueue(List<PooledTransaction> txs) {
            this.txs = txs;
        }

        PooledTransaction head() {
            return txs.get(next);
        }
    }

    private final BigInteger baseFee;
    private final PriorityQueue<SenderQueue> heads = new PriorityQueue<>((a, b) -> {
        int byTip = b.tip.compareTo(a.tip);
        return byTip != 0 ? byTip : Long.compare(a.head().sequence(), b.head().sequence());
    });

    /**
     * @param bySender each sender's pending transactions in nonce order (not empty)
     * @param baseFee  the base fee of the block being built; null before London (tips are then the fee caps)
     */
    TransactionsByPriceAndNonce(List<List<PooledTransaction>> bySender, BigInteger baseFee) {
        this.baseFee = baseFee == null ? BigInteger.ZERO : baseFee;
        for (List<PooledTransaction> txs : bySender) {
            SenderQueue queue = new SenderQueue(txs);
            if (priceHead(queue)) {
                heads.add(queue);
            }
        }
    }

    /** The best transaction now, if any is left. */
    public Optional<Transaction> peek() {
        SenderQueue best = heads.peek();
        return best == null ? Optional.empty() : Optional.of(best.head().tx());
    }

    /** The effective tip of {@link #peek()}'s transaction at the base fee. */
    public Optional<BigInteger> peekTip() {
        SenderQueue best = heads.peek();
        return best == null ? Optional.empty() : Optional.of(best.tip);
    }

    /** The peeked transaction went into the block: its sender's next transaction takes its place. */
    public void shift() {
        SenderQueue best = heads.poll();
        if (best == null) {
            return;
        }
        best.next++;
        if (best.next < best.txs.size() && priceHead(best)) {
            heads.add(best);
        }
    }

    /** The peeked transaction failed: drop its sender's remaining transactions. */
    public void pop() {
        heads.poll();
    }

    /** Whether nothing is left. */
    public boolean isEmpty() {
        return heads.isEmpty();
    }

    /**
     * Fills a block by declared gas limits: takes transactions in order while they fit
     * {@code gasLimit}, skipping a sender whose next transaction does not fit, stopping when less than
     * 21000 gas is left. A producer that executes transactions should drive {@link #peek()},
     * {@link #shift()} and {@link #pop()} itself with the gas actually used.
     */
    public List<Transaction> take(long gasLimit) {
        List<Transaction> block = new ArrayList<>();
        long gasLeft = gasLimit;
        while (Long.compareUnsigned(gasLeft, 21_000) >= 0) {
            Optional<Transaction> next = peek();
            if (next.isEmpty()) {
                break;
            }
            Transaction tx = next.get();
            if (Long.compareUnsigned(tx.gasLimit(), gasLeft) > 0) {
                pop();
                continue;
            }
            block.add(tx);
            gasLeft -= tx.gasLimit();
            shift();
        }
        return block;
    }

    /** Sets the queue's tip for its head; false when the head's fee cap is below the base fee. */
    private boolean priceHead(SenderQueue queue) {
        Transaction tx = queue.head().tx();
        BigInteger feeCap = tx.maxFeePerGas();
        if (feeCap.compareTo(baseFee) < 0) {
            return false;
        }
        queue.tip = tx.maxPriorityFeePerGas().min(feeCap.subtract(baseFee));
        return true;
    }
}
