package org.quorumee.node.chain;

import org.quorumee.core.chain.Block;
import org.quorumee.core.chain.BlockHeader;
import org.quorumee.core.chain.BlockResult;
import org.quorumee.core.trie.BufferedNodeStore;

/**
 * A block executed on its parent's state, not yet stored: the public and private state nodes its
 * execution wrote wait in buffers, so a block that is never finalised leaves nothing behind. A child
 * built on it (Raft's speculative minting) layers its own buffers on these.
 */
public record ExecutedBlock(Block block, BlockResult result, BufferedNodeStore nodes, BufferedNodeStore privateNodes) {

    public byte[] hash() {
        return block.header().hash();
    }

    /**
     * The same block under a sealed header: the producer writes its seal (extra data) once the block
     * is executed; nothing that execution computed depends on it.
     */
    public ExecutedBlock sealedAs(BlockHeader sealed) {
        return new ExecutedBlock(new Block(sealed, block.transactions(), block.ommers(), block.withdrawals()), result, nodes,
                privateNodes);
    }
}
