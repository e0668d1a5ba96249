package org.quorumee.core.txpool;

import java.math.BigInteger;
import java.util.Comparator;
import org.quorumee.core.tx.Transaction;
import org.quorumee.core.types.Address;

/**
 * A transaction as the pool keeps it: with its recovered sender, hash key, arrival sequence (the
 * tie-break of every ordering: earlier first), slot count and up-front cost.
 */
record PooledTransaction(Transaction tx, Address sender, HashKey key, long sequence, int slots, BigInteger cost) {
    /** go-ethereum's slot: 32 KiB of encoded transaction. */
    static final int SLOT_SIZE = 32 * 1024;
    private static final BigInteger TWO_POW_64 = BigInteger.ONE.shiftLeft(64);

    /** Cheapest first: lower fee cap, then lower tip, then the later arrival (the newer loses). */
    static final Comparator<PooledTransaction> CHEAPEST_FIRST = Comparator
            .comparing((PooledTransaction p) -> p.tx.maxFeePerGas())
            .thenComparing(p -> p.tx.maxPriorityFeePerGas())
            .thenComparing(Comparator.comparingLong(PooledTransaction::sequence).reversed());

    static PooledTransaction of(Transaction tx, Address sender, HashKey key, long sequence) {
        return new PooledTransaction(tx, sender, key, sequence, slots(tx), cost(tx));
    }

    long nonce() {
        return tx.nonce();
    }

    /** ceil(size / 32 KiB), at least 1. */
    static int slots(Transaction tx) {
        return Math.max(1, (tx.size() + SLOT_SIZE - 1) / SLOT_SIZE);
    }

    /** gasLimit x fee cap (gas price) + value: what the sender must hold for the transaction to run. */
    static BigInteger cost(Transaction tx) {
        long gas = tx.gasLimit();
        BigInteger gasLimit = gas >= 0 ? BigInteger.valueOf(gas) : BigInteger.valueOf(gas).add(TWO_POW_64);
        return gasLimit.multiply(tx.maxFeePerGas()).add(tx.value());
    }

    /** Strictly cheaper than {@code other} by fee cap, then tip (arrival does not count). */
    boolean cheaperThan(Transaction other) {
        int byFeeCap = tx.maxFeePerGas().compareTo(other.maxFeePerGas());
        return byFeeCap < 0 || byFeeCap == 0 && tx.maxPriorityFeePerGas().compareTo(other.maxPriorityFeePerGas()) < 0;
    }
}
