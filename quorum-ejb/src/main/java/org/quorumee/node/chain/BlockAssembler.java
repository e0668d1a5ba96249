package org.quorumee.node.chain;

import jakarta.ejb.EJB;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.quorumee.core.chain.AncestorHashes;
import org.quorumee.core.chain.BlockBuilder;
import org.quorumee.core.chain.BlockHeader;
import org.quorumee.core.chain.InvalidBlockException;
import org.quorumee.core.state.WorldState;
import org.quorumee.core.trie.BufferedNodeStore;
import org.quorumee.core.trie.NodeStore;
import org.quorumee.core.tx.Transaction;

/**
 * Builds and executes a block for a producer, writing nothing: its state nodes wait in a buffer
 * layered on the parent's nodes until the {@link BlockImporter} stores it. The engine decides the
 * policy (when, on which parent, timestamp, coinbase, extra data); this only assembles.
 */
@Singleton
@Lock(LockType.READ)
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class BlockAssembler {

    @EJB
    private ChainReader chain;

    /** The executed block, and the candidates left out with the reason. */
    public record Assembled(ExecutedBlock block, List<BlockBuilder.Skipped> skipped) {
        public boolean isEmpty() {
            return block.result().transactions().isEmpty();
        }
    }

    /** A block on the stored head, from {@code candidates} in the order given. */
    public Assembled onHead(List<Transaction> candidates, BlockBuilder.Attributes attributes) {
        return on(chain.headHeader(), chain.nodeStore(), hash -> Optional.empty(), candidates, attributes);
    }

    /**
     * A block on {@code parent}, whose state nodes are readable from {@code parentNodes} — the
     * database for a stored parent, or the buffer of a block not stored yet (Raft's speculative
     * chain). {@code unstoredHeaders} finds such not-yet-stored ancestors by hash, for BLOCKHASH.
     *
     * @throws IllegalStateException when the engine's attributes break the chain's own rules (a bug)
     */
    public Assembled on(BlockHeader parent, NodeStore parentNodes, Function<byte[], Optional<BlockHeader>> unstoredHeaders,
            List<Transaction> candidates, BlockBuilder.Attributes attributes) {
        BufferedNodeStore nodes = new BufferedNodeStore(parentNodes);
        AncestorHashes ancestors = new AncestorHashes(parent, hash -> unstoredHeaders.apply(hash).or(() -> chain.headerByHash(hash)));
        BlockBuilder.BuiltBlock built;
        try {
            built = new BlockBuilder(chain.processor()).build(parent, new WorldState(nodes, parent.stateRoot()), candidates,
                    attributes, ancestors);
        } catch (InvalidBlockException e) {
            throw new IllegalStateException("the node built a block its own rules refuse: " + e.getMessage(), e);
        }
        return new Assembled(new ExecutedBlock(built.block(), built.result(), nodes), built.skipped());
    }
}
