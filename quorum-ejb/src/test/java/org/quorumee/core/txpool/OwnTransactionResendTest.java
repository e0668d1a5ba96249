package org.quorumee.core.txpool;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class OwnTransactionResendTest {
    private static final long INTERVAL = TimeUnit.SECONDS.toNanos(5);
    /** Every tracked transaction still pooled; the "transaction" is its hash. */
    private static final Function<byte[], Optional<byte[]>> ALL = Optional::of;
    private final OwnTransactionResend resend = new OwnTransactionResend(INTERVAL);

    private static byte[] hash(int i) {
        byte[] h = new byte[32];
        h[0] = (byte) i;
        h[31] = (byte) (i >> 8);
        return h;
    }

    @Test
    void aTransactionStillPooledIsDueAfterAnIntervalThenAfterTwiceTheLastWaitUpToEight() {
        resend.gossiped(hash(1), 0);
        assertTrue(resend.due(INTERVAL - 1, ALL).isEmpty(), "not yet");
        List<byte[]> due = resend.due(INTERVAL, ALL);
        assertEquals(1, due.size());
        assertArrayEquals(hash(1), due.get(0));
        // resent at 1: next at 1 + 2 = 3, then 3 + 4 = 7, then 7 + 8 = 15, then every 8
        long[] expected = {3, 7, 15, 23, 31};
        for (long at : expected) {
            assertTrue(resend.due(at * INTERVAL - 1, ALL).isEmpty(), "not before " + at);
            assertEquals(1, resend.due(at * INTERVAL, ALL).size(), "due at " + at);
        }
    }

    @Test
    void aTransactionThatLeftThePoolIsForgottenAndNeverDue() {
        resend.gossiped(hash(1), 0);
        resend.gossiped(hash(2), 0);
        Set<Integer> pooled = new HashSet<>(Set.of(2));
        List<byte[]> due = resend.due(INTERVAL, h -> pooled.contains(h[0] & 0xff) ? Optional.of(h) : Optional.empty());
        assertEquals(1, due.size());
        assertArrayEquals(hash(2), due.get(0));
        assertEquals(1, resend.tracked());
        pooled.clear();
        assertTrue(resend.due(3 * INTERVAL, h -> Optional.empty()).isEmpty());
        assertEquals(0, resend.tracked());
    }

    @Test
    void gossipingAgainPostponesAndTheCallersArraysAreNotKept() {
        byte[] h = hash(7);
        resend.gossiped(h, 0);
        h[0] = 99; // the caller's array changes: the tracked hash does not
        resend.gossiped(hash(7), INTERVAL - 1); // gossiped afresh
        assertTrue(resend.due(INTERVAL, ALL).isEmpty());
        byte[] due = resend.due(2 * INTERVAL, ALL).get(0);
        assertArrayEquals(hash(7), due);
        due[0] = 42;
        assertArrayEquals(hash(7), resend.due(4 * INTERVAL, ALL).get(0), "a returned array is a copy");
    }

    @Test
    void theIntervalMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new OwnTransactionResend(0));
    }
}
