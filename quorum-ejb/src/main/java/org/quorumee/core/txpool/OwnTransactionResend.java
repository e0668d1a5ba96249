package org.quorumee.core.txpool;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

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
     * The hashes due again at {@code nowNanos}, each then counted as gossiped now with its wait
     * doubled; the transactions {@code stillPooled} says have left the pool (mined, replaced,
     * dropped) are forgotten.
     */
    public List<byte[]> due(long nowNanos, Predicate<byte[]> stillPooled) {
        List<byte[]> due = new ArrayList<>();
        for (Iterator<Map.Entry<HashKey, Schedule>> it = schedules.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<HashKey, Schedule> entry = it.next();
            byte[] hash = entry.getKey().bytes();
            Schedule schedule = entry.getValue();
            if (!stillPooled.test(hash)) {
                it.remove();
            } else if (nowNanos - schedule.sentAt() >= schedule.waitNanos()) {
                entry.setValue(new Schedule(nowNanos, Math.min(2 * schedule.waitNanos(), MAX_BACKOFF * intervalNanos)));
                due.add(hash.clone());
            }
        }
        return due;
    }

    /** How many transactions are tracked (at most about the pool's size). */
    public int tracked() {
        return schedules.size();
    }
}
