package org.quorumee.core.consensus.raft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The mint throttle on a virtual clock: at most one mint per block time, a request served within one. */
class MintThrottleTest {
    private static final long MS = 1_000_000L;
    private static final long START = 1_700_000_000_000_000_000L;

    @Test
    void aRequestIsServedAtOnceThenNoSoonerThanTheBlockTime() {
        VirtualClock clock = new VirtualClock(START);
        MintThrottle throttle = new MintThrottle(MintThrottle.DEFAULT_BLOCK_TIME, clock);
        assertEquals(-1, throttle.nanosUntilDue());
        assertFalse(throttle.isDue());
        throttle.request();
        assertTrue(throttle.isDue(), "the first request is due at once");
        throttle.minted();
        assertFalse(throttle.isRequested());

        clock.advanceNanos(10 * MS);
        throttle.request();
        assertEquals(40 * MS, throttle.nanosUntilDue());
        clock.advanceNanos(39 * MS);
        assertFalse(throttle.isDue());
        clock.advanceNanos(MS);
        assertTrue(throttle.isDue());
        throttle.minted();

        clock.advanceNanos(500 * MS);
        throttle.request();
        assertTrue(throttle.isDue(), "after a quiet spell a request is due at once");
        throttle.cancel();
        assertEquals(-1, throttle.nanosUntilDue());
    }

    @Test
    void theBlockTimeIsPositive() {
        assertThrows(IllegalArgumentException.class, () -> new MintThrottle(Duration.ZERO, new VirtualClock(START)));
    }

    /** A driver minting whenever due, under random requests: the two promises hold throughout. */
    @Test
    void underRandomRequestsBothPromisesHold() {
        VirtualClock clock = new VirtualClock(START);
        long blockTime = 50 * MS;
        MintThrottle throttle = new MintThrottle(Duration.ofNanos(blockTime), clock);
        SplittableRandom random = new SplittableRandom(3);
        long lastMint = Long.MIN_VALUE;
        long oldestUnserved = -1;
        for (int step = 0; step < 100_000; step++) {
            if (random.nextInt(4) == 0) {
                throttle.request();
                if (oldestUnserved < 0) {
                    oldestUnserved = clock.nanos();
                }
            }
            if (throttle.isDue()) {
                assertTrue(lastMint == Long.MIN_VALUE || clock.nanos() - lastMint >= blockTime, "minted too soon");
                assertTrue(clock.nanos() - oldestUnserved <= blockTime, "a request waited more than a block time");
                throttle.minted();
                lastMint = clock.nanos();
                oldestUnserved = -1;
            }
            long wait = throttle.nanosUntilDue();
            assertTrue(wait <= blockTime, "never due later than a block time away");
            // the driver's timer fires when due; other events may wake it earlier
            long other = 1 + random.nextLong(20 * MS);
            clock.advanceNanos(wait > 0 ? Math.min(wait, other) : other);
        }
    }
}
