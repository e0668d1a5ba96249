package org.quorumee.core.consensus.raft;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quorumee.core.chain.Block;
import org.quorumee.core.chain.BlockHeader;
import org.quorumee.core.crypto.Keccak;
import org.quorumee.core.types.Address;

/**
 * GoQuorum's block race walk-through, scripted: an old leader's block reaches the log but is not
 * known committed when a new leader, minting on its own applied head, proposes a competing block.
 * Raft commits both, in log order; the old leader's block extends the chain, the new one is a
 * no-op on every node at the same index, and the new leader mints its transactions again on the
 * winner.
 */
class BlockRaceScenarioTest {
    private static final int T = RaftConfig.DEFAULT_ELECTION_TICKS;
    private static final Block GENESIS = new Block(BlockHeader.builder().extraData("genesis".getBytes()).build(),
            List.of(), List.of(), null);

    private static Block block(Block parent, long minter, String... txs) {
        BlockHeader header = BlockHeader.builder().parentHash(parent.hash()).number(parent.header().number() + 1)
                .coinbase(Address.ofLong(minter)).build();
        return new Block(header, Arrays.stream(txs).map(String::getBytes).toList(), List.of(), null);
    }

    /** What a node's application did with its committed blocks, and its chain after them. */
    private record Applied(List<String> verdicts, List<Block> chain) {
    }

    /** Applies a node's committed blocks through the block race rule, in order. */
    private static Applied apply(List<Entry> entries) {
        List<String> verdicts = new ArrayList<>();
        List<Block> chain = new ArrayList<>(List.of(GENESIS));
        for (Entry e : entries) {
            Block block = Block.decode(e.data());
            Block head = chain.get(chain.size() - 1);
            BlockRace.Verdict verdict = BlockRace.judge(block.header(), head.hash(),
                    h -> chain.stream().anyMatch(b -> Arrays.equals(b.hash(), h)));
            verdicts.add(e.index() + " " + verdict + " " + block.header().number() + "/" + block.header().coinbase());
            if (verdict == BlockRace.Verdict.EXTENDS) {
                chain.add(block);
            }
        }
        return new Applied(verdicts, chain);
    }

    @Test
    void theFirstBlockToExtendWinsAndTheOtherIsANoOpEverywhere() {
        ScriptedCluster c = ScriptedCluster.ofVoters(3, true);
        c.elect(1);

        // node 1 mints B1 on genesis; it reaches nodes 2 and 3, but their acknowledgements are lost
        Block b1 = block(GENESIS, 1, "t1");
        c.drop = m -> m.type() == MessageType.APPEND_RESPONSE && m.to() == 1;
        assertTrue(c.propose(1, b1.encode()));
        long b1Index = c.node(1).lastIndex();
        assertEquals(b1Index, c.node(2).lastIndex());
        assertTrue(c.node(2).commitIndex() < b1Index, "B1 is in the log, not known committed");

        // node 1 is cut off; 2 and 3 elect a leader, whose first appends are not acknowledged yet
        c.isolate(1);
        c.drop = m -> m.type() == MessageType.APPEND_RESPONSE;
        c.tickAll(3 * T);
        long leader = c.leader();
        assertTrue(leader == 2 || leader == 3);
        assertTrue(c.node(leader).commitIndex() < b1Index);

        // its minter builds on its applied head (genesis) and proposes B2, which competes with B1
        SpeculativeChain speculative = new SpeculativeChain(GENESIS);
        Block b2 = block(speculative.head(), leader, "t2");
        speculative.extend(b2);
        assertTrue(c.propose(leader, b2.encode()));
        long b2Index = c.node(leader).lastIndex();
        assertTrue(b2Index > b1Index);

        c.drop = m -> false;
        c.heal();
        c.tickAll(2);
        String b1Verdict = b1Index + " EXTENDS 1/" + Address.ofLong(1);
        String b2Verdict = b2Index + " NON_EXTENDING 1/" + Address.ofLong(leader);
        for (long id = 1; id <= 3; id++) {
            Applied applied = apply(c.appliedEntries(id));
            assertEquals(List.of(b1Verdict, b2Verdict), applied.verdicts(), "node " + id);
            assertArrayEquals(b1.hash(), applied.chain().get(1).hash());
        }

        // the new leader hears B1 became the head, then that B2 lost: its speculation is gone and
        // t2 may be proposed again, on B1
        speculative.accept(b1);
        assertEquals(List.of(), speculative.unwindFrom(b2, b1));
        assertArrayEquals(b1.hash(), speculative.head().hash());
        assertFalse(speculative.isProposed(Keccak.keccak256("t2".getBytes())));
        Block b2Again = block(speculative.head(), leader, "t2");
        speculative.extend(b2Again);
        assertTrue(c.propose(leader, b2Again.encode()));
        c.tickAll(1);
        for (long id = 1; id <= 3; id++) {
            Applied applied = apply(c.appliedEntries(id));
            assertEquals(3, applied.verdicts().size());
            assertEquals(List.of(GENESIS.hash(), b1.hash(), b2Again.hash()).stream().map(Arrays::toString).toList(),
                    applied.chain().stream().map(b -> Arrays.toString(b.hash())).toList(), "node " + id);
        }
        speculative.accept(b2Again);
        assertEquals(0, speculative.pendingBlocks());
    }
}
