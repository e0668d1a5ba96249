package org.quorumee.core.consensus.ibft;

import java.util.Iterator;
import java.util.NoSuchElementException;
import org.quorumee.core.tx.Transaction;

/**
 * How many bytes a proposal's transactions may take: the proposal travels whole in one peer message
 * (QBFT's round changes carry it again), so its transactions must fit in a message with room to
 * spare. The proposer stops taking transactions before the first that would pass the budget; those
 * not taken stay in the pool for the next block. (The time a proposal may take to build is the
 * other bound: {@link BftParameters#proposalBuildMillis()}, which the block creator enforces.)
 *
 * @param maxTransactionBytes the most the block's transactions may take, encoded
 */
public record ProposalByteBudget(long maxTransactionBytes) {
    /** No bound (tests that build blocks by hand). */
    public static final ProposalByteBudget NONE = new ProposalByteBudget(Long.MAX_VALUE);
    /** What a transaction adds to a block beyond its own bytes: its RLP prefix in the body, at most. */
    static final int PER_TRANSACTION_OVERHEAD = 8;

    public ProposalByteBudget {
        if (maxTransactionBytes < 0) {
            throw new IllegalArgumentException("a byte budget must not be negative: " + maxTransactionBytes);
        }
    }

    /**
     * The budget of a proposal on a network whose messages are at most {@code maxMessageBytes}: half
     * of it (the rest is room for the header, the signatures and QBFT's justification).
     */
    public static ProposalByteBudget forMessages(int maxMessageBytes) {
        return new ProposalByteBudget(maxMessageBytes / 2);
    }

    /**
     * {@code candidates} in their order, ending before the first that would take the transactions
     * past {@link #maxTransactionBytes}. Candidates the builder refuses still count: the bound is
     * never exceeded.
     */
    public Iterable<Transaction> limit(Iterable<Transaction> candidates) {
        return () -> new Iterator<>() {
            private final Iterator<Transaction> source = candidates.iterator();
            private long bytes;
            private Transaction next;
            private boolean ended;

            @Override
            public boolean hasNext() {
                if (next != null) {
                    return true;
                }
                if (ended || !source.hasNext()) {
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
