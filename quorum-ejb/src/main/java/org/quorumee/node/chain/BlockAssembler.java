package org.quorumee.node.chain;

import jakarta.ejb.EJB;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.quorumee.core.chain.AncestorHashes;
import org.quorumee.core.chain.Block;
import org.quorumee.core.chain.BlockBuilder;
import org.quorumee.core.chain.BlockHeader;
import org.quorumee.core.chain.BlockProcessor;
import org.quorumee.core.chain.BlockResult;
import org.quorumee.core.chain.ConsensusRules;
import org.quorumee.core.chain.InvalidBlockException;
import org.quorumee.core.chain.PrivateContext;
import org.quorumee.core.state.WorldState;
import org.quorumee.core.trie.BufferedNodeStore;
import org.quorumee.core.trie.NodeStore;
import org.quorumee.core.tx.Transaction;

/**
 * Builds and executes a block for a producer, writing nothing: its public and private state nodes
 * wait in buffers layered on the parent's until the {@link BlockImporter} stores it. The engine
 * decides the policy (when, on which parent, timestamp, coinbase, extra data); this only assembles.
 */
@Singleton
@Lock(LockType.READ)
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class BlockAssembler {
    /**
     * How long a producer's block may take to execute its transactions ({@code quorum.blockBuildMillis},
     * 200 by default): besides the gas limit (Quorum's is huge), this keeps blocks, and the latency of
     * their transactions, steady under any load; what did not fit waits for the next block. An engine
     * with a tighter rule of its own gives its block a shorter build time, never a longer one.
     */
    public static final long BUILD_MILLIS = Long.getLong("quorum.blockBuildMillis", 200);

    @EJB
    private ChainReader chain;

    @EJB
    private BlockImporter importer;

    /** The chain's rules without the engine's: a proposal is not final yet (its engine checks its own fields). */
    private volatile BlockProcessor proposalProcessor;

    /** The executed block, and the candidates left out with the reason. */
    public record Assembled(ExecutedBlock block, List<BlockBuilder.Skipped> skipped) {
        public boolean isEmpty() {
            return block.result().transactions().isEmpty();
        }
    }

    /**
     * A parent to build on: its header, where its public and private state nodes can be read, and its
     * private state root.
     */
    public record Parent(BlockHeader header, NodeStore nodes, NodeStore privateNodes, byte[] privateStateRoot) {
        /** A block executed here but not stored yet (Raft's speculative chain). */
        public static Parent of(ExecutedBlock block) {
            return new Parent(block.block().header(), block.nodes(), block.privateNodes(),
                    block.result().privateStateRoot());
        }
    }

    /** The stored head as a parent. */
    public Parent head() {
        BlockHeader head = chain.headHeader();
        return new Parent(head, chain.nodeStore(), importer.privateNodeStore(), importer.privateStateRoot(head.number()));
    }

    /** A block on the stored head, from {@code candidates} in the order given (as many as its build time allows). */
    public Assembled onHead(List<Transaction> candidates, BlockBuilder.Attributes attributes) {
        return on(head(), hash -> Optional.empty(), candidates, attributes);
    }

    /**
     * A block on {@code parent} from {@code candidates} in their order (taken one at a time, so an
     * engine may end them early), for at most {@link #BUILD_MILLIS} of execution; {@code
     * unstoredHeaders} finds ancestors not stored yet (a speculative chain) by hash, for BLOCKHASH.
     *
     * @throws IllegalStateException when the engine's attributes break the chain's own rules (a bug)
     */
    public Assembled on(Parent parent, Function<byte[], Optional<BlockHeader>> unstoredHeaders,
            Iterable<Transaction> candidates, BlockBuilder.Attributes attributes) {
        return on(parent, unstoredHeaders, candidates, attributes, BUILD_MILLIS);
    }

    /**
     * {@link #on(Parent, Function, Iterable, BlockBuilder.Attributes)} taking candidates for at most
     * {@code buildMillis} of execution (the engine's own bound; it takes at least one candidate).
     */
    public Assembled on(Parent parent, Function<byte[], Optional<BlockHeader>> unstoredHeaders,
            Iterable<Transaction> candidates, BlockBuilder.Attributes attributes, long buildMillis) {
        BufferedNodeStore nodes = new BufferedNodeStore(parent.nodes());
        BufferedNodeStore privateNodes = new BufferedNodeStore(parent.privateNodes());
        PrivateContext privateContext = new PrivateContext(new WorldState(privateNodes, parent.privateStateRoot()),
                importer.payloads());
        BlockHeader header = parent.header();
        AncestorHashes ancestors = new AncestorHashes(header, hash -> unstoredHeaders.apply(hash).or(() -> chain.headerByHash(hash)));
        BlockBuilder.BuiltBlock built;
        try {
            // a monotonic deadline: the build time is a duration on this node, not an instant of the chain
            long buildUntil = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(buildMillis);
            built = new BlockBuilder(chain.processor()).build(header, new WorldState(nodes, header.stateRoot()),
                    privateContext, candidates, attributes, ancestors, () -> System.nanoTime() - buildUntil > 0);
        } catch (InvalidBlockException e) {
            throw new IllegalStateException("the node built a block its own rules refuse: " + e.getMessage(), e);
        }
        return new Assembled(new ExecutedBlock(built.block(), built.result(), nodes, privateNodes), built.skipped());
    }

    /**
     * Executes a block another node proposes on the stored head, writing nothing (its state waits in
     * buffers until the block is final and stored): the chain's header rules, the body and the
     * execution results are checked; the engine's seals are not, a proposal carrying none yet.
     *
     * @throws InvalidBlockException naming the first rule the block breaks
     */
    public ExecutedBlock executeProposal(Block block) throws InvalidBlockException {
        Parent parent = head();
        BlockHeader header = parent.header();
        if (proposalProcessor == null) {
            proposalProcessor = BlockProcessor.forChain(chain.processor().config(), ConsensusRules.NONE, importer.codeCache());
        }
        BufferedNodeStore nodes = new BufferedNodeStore(parent.nodes());
        BufferedNodeStore privateNodes = new BufferedNodeStore(parent.privateNodes());
        PrivateContext privateContext = new PrivateContext(new WorldState(privateNodes, parent.privateStateRoot()),
                importer.payloads());
        BlockResult result = proposalProcessor.importBlock(block, null, header, new WorldState(nodes, header.stateRoot()),
                privateContext, new AncestorHashes(header, chain::headerByHash));
        return new ExecutedBlock(block, result, nodes, privateNodes);
    }
}
