package org.quorumee.core.consensus.raft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.quorumee.core.chain.BlockHeader;

/** The block race rule as a pure function. */
class BlockRaceTest {
    private static final BlockHeader HEAD = BlockHeader.builder().number(5).extraData(new byte[] {1}).build();
    private static final BlockHeader OTHER = BlockHeader.builder().number(5).extraData(new byte[] {2}).build();

    @Test
    void onlyABlockOnTheHeadExtends() {
        BlockHeader onHead = BlockHeader.builder().number(6).parentHash(HEAD.hash()).build();
        BlockHeader onOther = BlockHeader.builder().number(6).parentHash(OTHER.hash()).build();
        assertTrue(BlockRace.extendsHead(onHead, HEAD.hash()));
        assertFalse(BlockRace.extendsHead(onOther, HEAD.hash()));
        assertEquals(BlockRace.Verdict.EXTENDS, BlockRace.judge(onHead, HEAD.hash(), h -> false));
        assertEquals(BlockRace.Verdict.NON_EXTENDING, BlockRace.judge(onOther, HEAD.hash(), h -> false));
        // a block the chain holds already (applied before a crash) is skipped, extending or not
        assertEquals(BlockRace.Verdict.ALREADY_IN_CHAIN, BlockRace.judge(onOther, HEAD.hash(),
                h -> Arrays.equals(h, onOther.hash())));
        assertEquals(BlockRace.Verdict.ALREADY_IN_CHAIN, BlockRace.judge(HEAD, HEAD.hash(),
                h -> Arrays.equals(h, HEAD.hash())));
    }
}
