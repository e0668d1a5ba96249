package org.quorumee.core.chain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.quorumee.core.bytes.Hex;

class AncestorHashesTest {

    /** A chain of {@code length} headers from {@code from} (exclusive), distinguished by extra data. */
    private static List<BlockHeader> extend(BlockHeader from, int length, byte tag, Map<String, BlockHeader> store) {
        List<BlockHeader> chain = new ArrayList<>();
        BlockHeader parent = from;
        for (int i = 0; i < length; i++) {
            BlockHeader next = BlockHeader.builder().parentHash(parent.hash()).number(parent.number() + 1)
                    .timestamp(parent.timestamp() + 1).extraData(new byte[] {tag}).build();
            store.put(Hex.encode(next.hash()), next);
            chain.add(next);
            parent = next;
        }
        return chain;
    }

    @Test
    void walksTheBranchOfTheBlockWithinTheWindow() {
        Map<String, BlockHeader> store = new HashMap<>();
        BlockHeader genesis = BlockHeader.builder().build();
        store.put(Hex.encode(genesis.hash()), genesis);
        List<BlockHeader> main = extend(genesis, 300, (byte) 1, store);
        List<BlockHeader> side = extend(main.get(9), 5, (byte) 2, store); // forks after block 10
        BlockHeaderLookup lookup = hash -> Optional.ofNullable(store.get(Hex.encode(hash)));

        AncestorHashes onSide = new AncestorHashes(side.get(4), lookup); // for block 16 of the side branch
        assertArrayEquals(side.get(4).hash(), onSide.apply(15));
        assertArrayEquals(side.get(0).hash(), onSide.apply(11));
        assertArrayEquals(main.get(9).hash(), onSide.apply(10));
        assertArrayEquals(genesis.hash(), onSide.apply(0));
        assertArrayEquals(new byte[32], onSide.apply(16), "the block itself is not its ancestor");

        AncestorHashes onMain = new AncestorHashes(main.get(299), lookup); // for block 301
        assertArrayEquals(main.get(299).hash(), onMain.apply(300));
        assertArrayEquals(main.get(44).hash(), onMain.apply(45), "256 blocks back");
        assertArrayEquals(new byte[32], onMain.apply(44), "257 blocks back is out of reach");
        assertArrayEquals(new byte[32], onMain.apply(-1));
    }

    @Test
    void aMissingAncestorIsAStoreFault() {
        BlockHeader orphan = BlockHeader.builder().parentHash(new byte[32]).number(5).build();
        AncestorHashes hashes = new AncestorHashes(orphan, hash -> Optional.empty());
        assertThrows(IllegalStateException.class, () -> hashes.apply(3));
    }
}
