package org.quorumee.core.consensus.raft;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * When a Raft minter may mint (GoQuorum's {@code --raftblocktime}, default 50 ms): new transactions
 * and new heads {@linkplain #request() request} a block; a mint is due when one is requested and
 * the last attempt lies at least one block time back. So blocks come at most once per block time,
 * and a request is served within one block time. Time comes from the injected clock; the driver
 * arms its timer for {@link #nanosUntilDue()}.
 * A block's timestamp is the chain's {@link RaftTimestampUnit}'s business.
 */
public final class MintThrottle {
    /** GoQuorum's default {@code --raftblocktime}. */
    public static final Duration DEFAULT_BLOCK_TIME = Duration.ofMillis(50);

    private final long blockTimeNanos;
    private final Clock clock;
    private boolean requested;
    private boolean attempted;
    private long lastAttemptNanos;

    public MintThrottle(Duration blockTime, Clock clock) {
        if (blockTime.isNegative() || blockTime.isZero()) {
            throw new IllegalArgumentException("the block time is positive, not " + blockTime);
        }
        this.blockTimeNanos = blockTime.toNanos();
        this.clock = clock;
    }

    /** Something to mint may be waiting (transactions arrived, the head moved, minting started). */
    public void request() {
        requested = true;
    }

    /** Whether a request waits (due or not). */
    public boolean isRequested() {
        return requested;
    }

    /** Whether a mint should be attempted now. */
    public boolean isDue() {
        return nanosUntilDue() == 0;
    }

    /** Nanoseconds until a mint is due: 0 when due now, -1 when nothing is requested. */
    public long nanosUntilDue() {
        if (!requested) {
            return -1;
        }
        if (!attempted) {
            return 0;
        }
        long elapsed = nowNanos() - lastAttemptNanos;
        return Math.max(0, blockTimeNanos - elapsed);
    }

    /** A mint was attempted now (whether or not a block came out): the request is served. */
    public void minted() {
        requested = false;
        attempted = true;
        lastAttemptNanos = nowNanos();
    }

    /** Minting stopped (leadership lost): forget the pending request. */
    public void cancel() {
        requested = false;
    }

    /** The clock's time in nanoseconds since the epoch. */
    private long nowNanos() {
        Instant now = clock.instant();
        return Math.addExact(Math.multiplyExact(now.getEpochSecond(), 1_000_000_000L), now.getNano());
    }
}
