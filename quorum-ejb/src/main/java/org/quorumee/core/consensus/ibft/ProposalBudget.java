package org.quorumee.core.consensus.ibft;

import java.util.Iterator;
import java.util.NoSuchElementException;
import org.quorumee.core.tx.Transaction;

/**
 * What one proposal may hold beyond the block's gas: the proposal travels whole in one peer message
 * (QBFT's round changes carry it again), so its transactions must fit in a message; and the other
 * validators execute it before they prepare, so building it may take only a share of the block
 * period, or blocks fall behind their period. The proposer stops taking transactions at whichever
 * bound comes first; those not taken stay in the pool for the next block.
 *
 * @param maxTransactionBytes the most the block's transactions may take, encoded
 * @param deadlineMillis no transaction is taken once the {@link BftClock} reaches this instant
 */
public record ProposalBudget(long maxTransactionBytes, long deadlineMillis) {
    /** No bound (tests that build blocks by hand). */
    public static final ProposalBudget NONE = new ProposalBudget(Long.MAX_VALUE, Long.MAX_VALUE);
    /** What a transaction adds to a block beyond its own bytes: its RLP prefix in the body, at most. */
    static final int PER_TRANSACTION_OVERHEAD = 8;

    public ProposalBudget {
        if (maxTransactionBytes < 0) {
            throw new IllegalArgumentException("a byte budget must not be negative: " + maxTransactionBytes);
        }
    }

    /**
     * The budget of a block proposed at {@code nowMillis}: transactions take at most half of the
     * largest peer message (the rest is room for the header, the signatures and QBFT's
     * justification), and are taken during at most half of the block period (the other half is
     * the other validators' execution of the proposal).
     */
    public static ProposalBudget forProposal(int maxMessageBytes, long blockPeriodSeconds, long nowMillis) {
        return new ProposalBudget(maxMessageBytes / 2, nowMillis + Math.max(1, blockPeriodSeconds) * 1000 / 2);
    }

    /**
     * {@code candidates} in their order, ending before the first that would take the transactions
     * past {@link #maxTransactionBytes} and once {@code clock} reaches {@link #deadlineMillis}. The
     * first candidate is always offered when it fits, so a slow start never leaves a busy chain
     * with empty blocks. Candidates the builder refuses still count: the bound is never exceeded.
     */
    public Iterable<Transaction> limit(Iterable<Transaction> candidates, BftClock clock) {
        return () -> new Iterator<>() {
            private final Iterator<Transaction> source = candidates.iterator();
            private long bytes;
            private boolean first = true;
            private Transaction next;
            private boolean ended;

            @Override
            public boolean hasNext() {
                if (next != null) {
                    return true;
                }
                if (ended || !source.hasNext() || (!first && clock.nowMillis() >= deadlineMillis)) {
                    ended = true;
                    return false;
                }
                Transaction candidate = source.next();
                long size = (long) candidate.size() + PER_TRANSACTION_OVERHEAD;
                if (bytes + size > maxTransactionBytes) {
                    ended = true;
                    return false;
                }
                bytes += size;
                first = false;
                next = candidate;
                return true;
            }

            @Override
            public Transaction next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Transaction out = next;
                next = null;
                return out;
            }
        };
    }
}
