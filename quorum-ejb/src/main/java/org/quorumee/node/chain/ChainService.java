package org.quorumee.node.chain;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Arrays;
import java.util.Optional;
import java.util.logging.Logger;
import org.quorumee.core.bytes.Hex;
import org.quorumee.core.chain.Block;
import org.quorumee.core.chain.BlockHeader;
import org.quorumee.core.trie.InMemoryNodeStore;
import org.quorumee.jpa.chain.BlockRecord;
import org.quorumee.jpa.chain.ChainHeadRecord;
import org.quorumee.jpa.chain.ChainRepository;
import org.quorumee.jpa.state.StateRepository;
import org.quorumee.node.NodeService;

/**
 * The stored chain. At start it writes the genesis block and state into an empty database, or checks
 * that the stored chain grew from this node's genesis file; it refuses to start on another's.
 */
@Singleton
@Startup
@DependsOn("NodeService")
@Lock(LockType.READ)
public class ChainService {
    private static final Logger LOG = Logger.getLogger(ChainService.class.getName());
    /** State nodes kept in memory (a node is ~100-500 bytes). */
    private static final int NODE_CACHE_ENTRIES = 200_000;

    @PersistenceContext(unitName = "quorum")
    private EntityManager em;

    @EJB
    private NodeService node;

    private final NodeCache nodeCache = new NodeCache(NODE_CACHE_ENTRIES);
    private volatile ChainHead head;

    /** The number and hash of the last stored block. */
    public record ChainHead(long number, byte[] hash) {
    }

    @PostConstruct
    void open() {
        ChainRepository chain = new ChainRepository(em);
        Optional<ChainHeadRecord> stored = chain.head();
        if (stored.isEmpty()) {
            Block genesis = node.genesis().toBlock(new DatabaseNodeStore(new StateRepository(em), nodeCache));
            chain.storeGenesis(record(genesis.header(), 0));
            head = new ChainHead(0, genesis.hash());
            LOG.info(() -> "new chain from genesis " + Hex.encode(genesis.hash()));
            return;
        }
        byte[] expected = node.genesis().toBlock(new InMemoryNodeStore()).hash();
        if (!Arrays.equals(stored.get().getGenesisHash(), expected)) {
            throw new IllegalStateException("the database holds a chain grown from genesis "
                    + Hex.encode(stored.get().getGenesisHash()) + ", but this node's genesis.json gives "
                    + Hex.encode(expected) + ": refusing to start on another network's database");
        }
        head = new ChainHead(stored.get().getHeadNumber(), stored.get().getHeadHash());
        LOG.info(() -> "chain opened at block " + head.number() + " " + Hex.encode(head.hash()));
    }

    private static BlockRecord record(BlockHeader header, int transactionCount) {
        return new BlockRecord(header.number(), header.hash(), header.parentHash(), header.encode(), null,
                header.timestamp(), header.gasUsed(), transactionCount);
    }

    public ChainHead head() {
        return head;
    }
}
