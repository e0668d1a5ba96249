package org.quorumee.core.consensus;

import java.util.OptionalLong;

/**
 * When a producer that makes blocks only for transactions (Quorum's rule: no empty blocks) makes one
 * empty block anyway: once, a fixed delay after a block that carried transactions; then nothing
 * until transactions arrive again.
 *
 * <p>Why: clients that wait for a receipt by watching for new blocks (ethers 6 {@code tx.wait()})
 * read the head once and react only to later blocks. When the transaction was mined into that very
 * head, an idle chain that never makes another block leaves them waiting forever. One follow-up
 * block releases them and keeps the chain quiet when idle. A delay of 0 turns the rule off
 * (GoQuorum's exact behaviour: never an empty block).
 *
 * <p>Pure: the caller says when the last block was made and what time it is now.
 */
public final class QuietChainRule {
    /** The default delay between a block with transactions and the empty block that follows it. */
    public static final long DEFAULT_DELAY_MILLIS = 1000;

    private final long delayMillis;

    /** @param delayMillis the delay after a block with transactions; 0 for never an empty block */
    public QuietChainRule(long delayMillis) {
        if (delayMillis < 0) {
            throw new IllegalArgumentException("the empty-block delay must not be negative: " + delayMillis);
        }
        this.delayMillis = delayMillis;
    }

    /** Whether the rule makes empty blocks at all (false for a delay of 0). */
    public boolean isEnabled() {
        return delayMillis > 0;
    }

    public long delayMillis() {
        return delayMillis;
    }

    /**
     * When an empty block is due after the last block, made at {@code lastBlockMillis}; empty when
     * none is (the last block carried no transaction, or the rule is off).
     */
    public OptionalLong emptyBlockDueAt(long lastBlockMillis, boolean lastBlockCarriedTransactions) {
        if (!isEnabled() || !lastBlockCarriedTransactions) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(lastBlockMillis + delayMillis);
    }

    /** Whether an empty block is due at {@code nowMillis}. */
    public boolean isEmptyBlockDue(long lastBlockMillis, boolean lastBlockCarriedTransactions, long nowMillis) {
        OptionalLong due = emptyBlockDueAt(lastBlockMillis, lastBlockCarriedTransactions);
        return due.isPresent() && nowMillis >= due.getAsLong();
    }
}
