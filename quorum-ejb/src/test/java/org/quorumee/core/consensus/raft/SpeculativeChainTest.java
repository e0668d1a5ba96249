package org.quorumee.core.consensus.raft;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.quorumee.core.chain.Block;
import org.quorumee.core.chain.BlockHeader;
import org.quorumee.core.crypto.Keccak;
import org.quorumee.core.types.Address;

/** GoQuorum's speculative chain semantics (raft/speculative_chain.go), case by case. */
class SpeculativeChainTest {
    private static final Block GENESIS = block(null, 0, "genesis");

    private static Block block(Block parent, long minter, String... txs) {
        BlockHeader.Builder h = BlockHeader.builder().coinbase(Address.ofLong(minter));
        if (parent != null) {
            h.parentHash(parent.hash()).number(parent.header().number() + 1);
        }
        return new Block(h.build(), java.util.Arrays.stream(txs).map(String::getBytes).toList(), List.of(), null);
    }

    private static byte[] hash(String tx) {
        return Keccak.keccak256(tx.getBytes());
    }

    @Test
    void ownBlocksAreAcceptedInOrder() {
        SpeculativeChain chain = new SpeculativeChain(GENESIS);
        Block a = block(GENESIS, 1, "t1", "t2");
        chain.extend(a);
        Block b = block(a, 1, "t3");
        chain.extend(b);
        assertSame(b, chain.head());
        assertEquals(2, chain.pendingBlocks());
        assertTrue(chain.isProposed(hash("t1")));
        assertTrue(chain.isProposed(hash("t3")));

        chain.accept(a);
        assertSame(b, chain.head(), "the head stays on the newest proposal");
        assertFalse(chain.isProposed(hash("t1")), "an accepted block's transactions leave the proposed set");
        assertTrue(chain.isProposed(hash("t3")));
        chain.accept(b);
        assertEquals(0, chain.pendingBlocks());
        assertFalse(chain.isProposed(hash("t3")));
    }

    @Test
    void anotherMintersBlockClearsTheSpeculation() {
        SpeculativeChain chain = new SpeculativeChain(GENESIS);
        Block mine = block(GENESIS, 1, "t1");
        chain.extend(mine);
        Block theirs = block(GENESIS, 2, "t9");
        chain.accept(theirs);
        assertSame(theirs, chain.head());
        assertEquals(0, chain.pendingBlocks());
        assertFalse(chain.isProposed(hash("t1")), "free to be proposed again");
        // and with nothing pending, any accepted block just becomes the head
        Block next = block(theirs, 2, "t8");
        chain.accept(next);
        assertSame(next, chain.head());
    }

    @Test
    void unwindingFromTheOldestPendingBlockGuardsItsDescendants() {
        SpeculativeChain chain = new SpeculativeChain(GENESIS);
        Block a = block(GENESIS, 1, "t1");
        Block b = block(a, 1, "t2");
        Block c = block(b, 1, "t3", "t4");
        chain.extend(a);
        chain.extend(b);
        chain.extend(c);

        List<byte[]> released = chain.unwindFrom(a, GENESIS);
        assertEquals(List.of("t1", "t2", "t3", "t4"), released.stream().map(String::new).toList());
        assertSame(GENESIS, chain.head());
        assertEquals(0, chain.pendingBlocks());
        assertFalse(chain.isProposed(hash("t3")));
        // b and c come back invalid too: guarded, ignored
        assertEquals(List.of(), chain.unwindFrom(b, GENESIS));
        assertEquals(List.of(), chain.unwindFrom(c, GENESIS));
        // and only once: a second report of b is not ours any more
        assertEquals(List.of(), chain.unwindFrom(b, GENESIS));
    }

    @Test
    void unwindingFromAMiddleBlockKeepsTheOlderOnes() {
        SpeculativeChain chain = new SpeculativeChain(GENESIS);
        Block a = block(GENESIS, 1, "t1");
        Block b = block(a, 1, "t2");
        Block c = block(b, 1, "t3");
        chain.extend(a);
        chain.extend(b);
        chain.extend(c);
        List<byte[]> released = chain.unwindFrom(b, GENESIS);
        assertEquals(List.of("t2", "t3"), released.stream().map(String::new).toList());
        assertSame(a, chain.head());
        assertEquals(1, chain.pendingBlocks());
        assertTrue(chain.isProposed(hash("t1")));
        assertEquals(List.of(), chain.unwindFrom(c, GENESIS), "c was guarded");
    }

    @Test
    void someoneElsesInvalidBlockChangesNothing() {
        SpeculativeChain chain = new SpeculativeChain(GENESIS);
        Block a = block(GENESIS, 1, "t1");
        chain.extend(a);
        assertEquals(List.of(), chain.unwindFrom(block(GENESIS, 2, "x"), GENESIS));
        assertSame(a, chain.head());
        assertEquals(1, chain.pendingBlocks());
    }

    @Test
    void aBlockMustBuildOnTheHead() {
        SpeculativeChain chain = new SpeculativeChain(GENESIS);
        Block a = block(GENESIS, 1, "t1");
        assertThrows(IllegalArgumentException.class, () -> chain.extend(block(a, 1, "t2")));
        chain.extend(a);
        chain.reset(GENESIS);
        assertSame(GENESIS, chain.head());
        assertEquals(0, chain.pendingBlocks());
        assertFalse(chain.isProposed(hash("t1")));
        Block b = block(GENESIS, 2, "t5");
        chain.setHead(b);
        assertArrayEquals(b.hash(), chain.head().hash());
    }
}
