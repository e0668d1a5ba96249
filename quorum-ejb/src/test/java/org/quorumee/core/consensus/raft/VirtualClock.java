package org.quorumee.core.consensus.raft;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock the test moves by hand (nanosecond resolution). */
final class VirtualClock extends Clock {
    private long epochNanos;

    VirtualClock(long startEpochNanos) {
        this.epochNanos = startEpochNanos;
    }

    void setNanos(long value) {
        if (value < epochNanos) {
            throw new IllegalArgumentException("virtual time never goes back: " + value + " < " + epochNanos);
        }
        epochNanos = value;
    }

    void advanceNanos(long delta) {
        setNanos(epochNanos + delta);
    }

    long nanos() {
        return epochNanos;
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochSecond(epochNanos / 1_000_000_000L, epochNanos % 1_000_000_000L);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("a virtual clock has one zone");
    }
}
