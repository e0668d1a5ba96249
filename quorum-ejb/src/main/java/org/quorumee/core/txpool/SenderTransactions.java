package org.quorumee.core.txpool;

import java.math.BigInteger;
import java.time.Instant;
import java.util.TreeMap;

/**
 * One sender's transactions: pending (nonces contiguous from the account nonce) and queued (future
 * nonces, never the next pending nonce). Nonces are unsigned. Not thread-safe: the pool's lock guards it.
 */
final class SenderTransactions {
    final TreeMap<Long, PooledTransaction> pending = new TreeMap<>(Long::compareUnsigned);
    final TreeMap<Long, PooledTransaction> queued = new TreeMap<>(Long::compareUnsigned);
    /** Sum of the pending transactions' costs (the balance they need together). */
    BigInteger pendingCost = BigInteger.ZERO;
    /** When a transaction was first queued or last promoted (go-ethereum's heartbeat); null when none is queued. */
    Instant lastActivity;

    boolean isEmpty() {
        return pending.isEmpty() && queued.isEmpty();
    }

    /** The nonce a new transaction must have to be pending: after the last pending one, else the account's. */
    long nextPendingNonce(long accountNonce) {
        return pending.isEmpty() ? accountNonce : pending.lastKey() + 1;
    }

    PooledTransaction get(long nonce) {
        PooledTransaction p = pending.get(nonce);
        return p != null ? p : queued.get(nonce);
    }

    void putPending(PooledTransaction p) {
        PooledTransaction old = pending.put(p.nonce(), p);
        if (old != null) {
            pendingCost = pendingCost.subtract(old.cost());
        }
        pendingCost = pendingCost.add(p.cost());
    }

    PooledTransaction removePending(long nonce) {
        PooledTransaction old = pending.remove(nonce);
        if (old != null) {
            pendingCost = pendingCost.subtract(old.cost());
        }
        return old;
    }
}
