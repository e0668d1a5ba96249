package org.quorumee.core.txpool;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * When a node gossips its own transactions again (those its clients sent, not its peers). A peer's
 * transaction never waits for room in a full pool, so a peer whose pool was full dropped it, and
 * every later nonce of that sender then waits in the peer's queue, on a Raft leader for good: only a
 * resend closes that gap. Each transaction still in the pool is due an interval after it was
 * gossiped, then after twice that, and so on up to {@value #MAX_BACKOFF} times the interval: a
 * backlog that only waits for blocks is not sent over and over. Time is the caller's (nanoseconds of
 * a monotonic clock); safe for concurrent use.
 */
public final class OwnTransactionResend {
    /** The longest wait between two resends, in intervals. */
    static final int MAX_BACKOFF = 8;

    private final long intervalNanos;
    private final Map<HashKey, Schedule> schedules = new ConcurrentHashMap<>();

    /** When a transaction was last gossiped, and how long until its next resend. */
    private record Schedule(long sentAt, long waitNanos) {
    }

    public OwnTransactionResend(long intervalNanos) {
        if (intervalNanos <= 0) {
            throw new IllegalArgumentException("the interval must be positive");
        }
        this.intervalNanos = intervalNanos;
    }

    /** A transaction of this node was gossiped at {@code nowNanos} (the first time, or on a fresh start). */
    public void gossiped(byte[] hash, long nowNanos) {
        schedules.put(new HashKey(hash.clone()), new Schedule(nowNanos, intervalNanos));
    }

    /**
     * The transactions due again at {@code nowNanos}, as {@code pooled} finds them by hash, each then
     * counted as gossiped now with its wait doubled; those {@code pooled} no longer finds (mined,
     * replaced, dropped) are forgotten. {@code pooled} gets a copy of the hash.
     */
    public <T> List<T> due(long nowNanos, Function<byte[], Optional<T>> pooled) {
        List<T> due = new ArrayList<>();
        for (Iterator<Map.Entry<HashKey, Schedule>> it = schedules.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<HashKey, Schedule> entry = it.next();
            Optional<T> transaction = pooled.apply(entry.getKey().bytes().clone());
            Schedule schedule = entry.getValue();
            if (transaction.isEmpty()) {
                it.remove();
            } else if (nowNanos - schedule.sentAt() >= schedule.waitNanos()) {
                entry.setValue(new Schedule(nowNanos, Math.min(2 * schedule.waitNanos(), MAX_BACKOFF * intervalNanos)));
                due.add(transaction.get());
            }
        }
        return due;
    }

    /** How many transactions are tracked (at most about the pool's size). */
    public int tracked() {
        return schedules.size();
    }
}
