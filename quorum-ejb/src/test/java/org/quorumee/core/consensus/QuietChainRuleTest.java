package org.quorumee.core.consensus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class QuietChainRuleTest {

    @Test
    void oneEmptyBlockIsDueTheDelayAfterABlockWithTransactions() {
        QuietChainRule rule = new QuietChainRule(1000);
        assertEquals(OptionalLong.of(6000), rule.emptyBlockDueAt(5000, true));
        assertFalse(rule.isEmptyBlockDue(5000, true, 5999));
        assertTrue(rule.isEmptyBlockDue(5000, true, 6000));
        assertTrue(rule.isEmptyBlockDue(5000, true, 60_000), "still due when the producer looks late");
    }

    @Test
    void nothingIsDueAfterAnEmptyBlock() {
        QuietChainRule rule = new QuietChainRule(1000);
        assertEquals(OptionalLong.empty(), rule.emptyBlockDueAt(5000, false));
        assertFalse(rule.isEmptyBlockDue(5000, false, 1_000_000));
    }

    @Test
    void zeroIsGoQuorumsRuleOfNoEmptyBlocks() {
        QuietChainRule rule = new QuietChainRule(0);
        assertFalse(rule.isEnabled());
        assertEquals(OptionalLong.empty(), rule.emptyBlockDueAt(5000, true));
        assertFalse(rule.isEmptyBlockDue(5000, true, Long.MAX_VALUE));
    }

    /** A producer driven by the rule over a timeline: exactly one empty block after each busy block. */
    @Test
    void aProducerFollowingTheRuleMakesOneEmptyBlockPerBurst() {
        QuietChainRule rule = new QuietChainRule(1000);
        long[] transactionsAt = {100, 150, 5000};
        long lastBlock = 0;
        boolean carried = false;
        int emptyBlocks = 0;
        int next = 0;
        for (long now = 0; now <= 20_000; now += 50) { // a 50 ms production round
            if (next < transactionsAt.length && now >= transactionsAt[next]) {
                lastBlock = now;
                carried = true;
                next++;
            } else if (rule.isEmptyBlockDue(lastBlock, carried, now)) {
                assertEquals(lastBlock + 1000, now, "the empty block comes one delay after the last block");
                lastBlock = now;
                carried = false;
                emptyBlocks++;
            }
        }
        assertEquals(2, emptyBlocks, "one after the blocks at 100 and 150 ms, one after 5000 ms");
    }

    @Test
    void aNegativeDelayIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new QuietChainRule(-1));
    }
}
