package org.quorumee.core.txpool;

import java.math.BigInteger;
import java.time.Duration;

/**
 * Limits and prices of the pool, named and defaulted as go-ethereum's {@code txpool} settings
 * (except the minimum price, which is 0 as in Quorum).
 *
 * @param minGasPrice  the smallest tip (gas price for legacy transactions) accepted; below it
 *                     "transaction underpriced"
 * @param priceBump    percent by which a replacement must raise both fee cap and tip
 * @param accountSlots pending transactions per sender that are never evicted for another sender's
 *                     transaction (go-ethereum counts slots; one transfer is one slot)
 * @param globalSlots  pending slots of all senders (the pool holds at most
 *                     {@code globalSlots + globalQueue} slots in all; see {@link TransactionPool})
 * @param accountQueue queued (future-nonce) transactions per sender
 * @param globalQueue  queued slots of all senders
 * @param lifetime     how long a sender's queued transactions stay without any of them being
 *                     promoted before they are dropped
 */
public record TransactionPoolConfig(BigInteger minGasPrice, int priceBump, int accountSlots, int globalSlots,
                                    int accountQueue, int globalQueue, Duration lifetime) {

    /** go-ethereum's defaults, with a minimum gas price of 0 (Quorum). */
    public static final TransactionPoolConfig DEFAULT = new TransactionPoolConfig(
            BigInteger.ZERO, 10, 16, 5120, 64, 1024, Duration.ofHours(3));

    public TransactionPoolConfig {
        if (minGasPrice == null || minGasPrice.signum() < 0) {
            throw new IllegalArgumentException("minGasPrice must be 0 or more");
        }
        if (priceBump < 0 || accountSlots < 0 || accountQueue < 1 || globalSlots < 1 || globalQueue < 1) {
            throw new IllegalArgumentException("priceBump and accountSlots must be 0 or more, the other limits 1 or more");
        }
        if (lifetime == null || lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("lifetime must be positive");
        }
    }

    /** All slots the pool may hold, pending and queued. */
    public int capacity() {
        return globalSlots + globalQueue;
    }

    /**
     * The slots this node's own clients may fill ({@code globalSlots}): the other {@code globalQueue}
     * slots stay for peers' gossip (see {@link TransactionPool#addLocal}).
     */
    public int localCapacity() {
        return globalSlots;
    }
}
