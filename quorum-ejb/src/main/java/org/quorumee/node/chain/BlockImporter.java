package org.quorumee.node.chain;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import jakarta.transaction.UserTransaction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.quorumee.core.bytes.Hex;
import org.quorumee.core.chain.AncestorHashes;
import org.quorumee.core.chain.Block;
import org.quorumee.core.chain.BlockHeader;
import org.quorumee.core.chain.BlockProcessor;
import org.quorumee.core.chain.BlockResult;
import org.quorumee.core.chain.ConsensusRules;
import org.quorumee.core.chain.InvalidBlockException;
import org.quorumee.core.chain.PrivateContext;
import org.quorumee.core.chain.Receipt;
import org.quorumee.core.evm.CodeCache;
import org.quorumee.core.privacy.PrivatePayloadSource;
import org.quorumee.core.state.WorldState;
import org.quorumee.core.transition.TransactionResult;
import org.quorumee.core.trie.BufferedNodeStore;
import org.quorumee.core.trie.InMemoryNodeStore;
import org.quorumee.core.tx.InvalidTransactionException;
import org.quorumee.core.tx.Transaction;
import org.quorumee.core.types.Address;
import org.quorumee.core.types.Log;
import org.quorumee.jpa.chain.BlockRecord;
import org.quorumee.jpa.chain.ChainHeadRecord;
import org.quorumee.jpa.chain.ChainRepository;
import org.quorumee.jpa.chain.LogRecord;
import org.quorumee.jpa.chain.ReceiptRecord;
import org.quorumee.jpa.chain.TransactionRecord;
import org.quorumee.jpa.privatestate.PrivateReceiptRecord;
import org.quorumee.jpa.privatestate.PrivateStateRepository;
import org.quorumee.jpa.state.StateRepository;
import org.quorumee.node.NodeService;

/**
 * The only writer of the chain. A block is applied only when its parent is the head; it is executed
 * (or, when this node built it, its execution is reused), stored with its transactions, receipts, logs
 * and state nodes in one database transaction, and the head moves once that transaction has
 * committed. One lock covers the whole of it, commit included, so two writers can never both build on
 * the same head. Blocks made here (every engine's producer) and blocks from elsewhere (peers, the Raft
 * log, IBFT commits) take the same path.
 *
 * <p>At start it writes the genesis block and state into an empty database, or checks that the stored
 * chain grew from this node's genesis file; it refuses to start on another network's database.
 */
@Singleton
@Startup
@DependsOn("NodeService")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionManagement(TransactionManagementType.BEAN)
public class BlockImporter {
    private static final Logger LOG = Logger.getLogger(BlockImporter.class.getName());
    /**
     * State nodes kept in memory (a node is ~100-500 bytes, ~300 with its entry): about 20 MB, part of
     * the node's 768 MB budget; the recent versions are what blocks and the pool read again.
     */
    private static final int NODE_CACHE_ENTRIES = 64_000;
    private static final int PRIVATE_NODE_CACHE_ENTRIES = 50_000;
    private static final int CODE_CACHE_ENTRIES = 1_000;

    @PersistenceContext(unitName = "quorum")
    private EntityManager em;

    @Resource
    private UserTransaction transaction;

    @EJB
    private NodeService node;

    @Inject
    private Event<NewBlockEvent> newBlocks;

    /** The transaction manager, when the node has one; without, private transactions run as at a non-party. */
    @Inject
    private Instance<PrivatePayloadSource> payloadSources;

    private final NodeCache nodeCache = new NodeCache(NODE_CACHE_ENTRIES);
    private final NodeCache privateNodeCache = new NodeCache(PRIVATE_NODE_CACHE_ENTRIES);
    private PrivatePayloadSource payloads;
    /** Decoded code of contracts, by code hash, shared by every execution. */
    private final CodeCache codeCache = new CodeCache(CODE_CACHE_ENTRIES);
    private final ReentrantLock writer = new ReentrantLock();
    private volatile BlockProcessor processor;
    private volatile ChainHead head;

    /** The number and hash of the last stored block. */
    public record ChainHead(long number, byte[] hash) {
    }

    @PostConstruct
    void open() {
        processor = BlockProcessor.forChain(node.genesis().config(), ConsensusRules.NONE, codeCache);
        if (payloadSources.isResolvable()) {
            payloads = payloadSources.get();
        } else {
            payloads = hash -> Optional.empty();
            LOG.warning("no transaction manager: private transactions run here as at a non-party");
        }
        try {
            openChain();
        } catch (InvalidBlock e) {
            throw new IllegalStateException("the genesis block is invalid: " + e.getMessage(), e);
        }
    }

    private void openChain() throws InvalidBlock {
        inTransaction(() -> {
            ChainRepository chain = new ChainRepository(em);
            Optional<ChainHeadRecord> stored = chain.head();
            if (stored.isEmpty()) {
                Block genesis = node.genesis().toBlock(nodeStore());
                chain.storeGenesis(record(genesis.header(), 0, WorldState.EMPTY_TRIE_ROOT));
                head = new ChainHead(0, genesis.hash());
                LOG.info(() -> "new chain from genesis " + Hex.encode(genesis.hash()));
                return null;
            }
            byte[] expected = node.genesis().toBlock(new InMemoryNodeStore()).hash();
            if (!Arrays.equals(stored.get().getGenesisHash(), expected)) {
                throw new IllegalStateException("the database holds a chain grown from genesis "
                        + Hex.encode(stored.get().getGenesisHash()) + ", but this node's genesis.json gives "
                        + Hex.encode(expected) + ": refusing to start on another network's database");
            }
            head = new ChainHead(stored.get().getHeadNumber(), stored.get().getHeadHash());
            LOG.info(() -> "chain opened at block " + head.number() + " " + Hex.encode(head.hash()));
            return null;
        });
    }

    /** The last stored block: readers see it move only after its block committed. */
    public ChainHead head() {
        return head;
    }

    /** The chain's rules: block processing, fork rules, block contexts and the engine's header rules. */
    public BlockProcessor processor() {
        return processor;
    }

    /** The running consensus engine's header rules, checked on every block imported from now on. */
    public void useConsensusRules(ConsensusRules rules) {
        processor = BlockProcessor.forChain(node.genesis().config(), rules, codeCache);
    }

    /** Decoded contract code, shared by every execution. */
    public CodeCache codeCache() {
        return codeCache;
    }

    /** The stored state nodes, read through the shared cache (outside a transaction: reads only). */
    public DatabaseNodeStore nodeStore() {
        return new DatabaseNodeStore(new StateRepository(em), nodeCache);
    }

    /** This node's stored private state nodes, read through their own cache. */
    public DatabaseNodeStore privateNodeStore() {
        return new DatabaseNodeStore(new PrivateStateRepository(em), privateNodeCache);
    }

    /** Opens payloads of private transactions this node is a party to. */
    public PrivatePayloadSource payloads() {
        return payloads;
    }

    /** This node's private state root after stored block {@code number} (the empty root before any). */
    public byte[] privateStateRoot(long number) {
        return new ChainRepository(em).blockByNumber(number).map(BlockRecord::getPrivateStateRoot)
                .orElse(WorldState.EMPTY_TRIE_ROOT);
    }

    /**
     * Imports a block made elsewhere (a peer, the Raft log, an IBFT commit): validated against its
     * parent (the head) — header rules, the engine's rules, the body — executed, checked against its
     * header, stored.
     */
    public ImportResult importBlock(Block block) {
        return importBlock(block, hash -> Optional.empty());
    }

    /**
     * {@link #importBlock(Block)}, taking {@code known}'s instance of a transaction (by hash) where
     * it has one: the pool's, whose sender is already recovered (recovery is most of an import's CPU).
     */
    public ImportResult importBlock(Block block, Function<byte[], Optional<Transaction>> known) {
        return write(block, parent -> {
            List<Transaction> transactions;
            try {
                transactions = block.decodeTransactions(processor.config().chainId(), known);
            } catch (InvalidTransactionException e) {
                throw new InvalidBlockException("malformed transaction: " + e.getMessage(), e);
            }
            BufferedNodeStore nodes = new BufferedNodeStore(nodeStore());
            BufferedNodeStore privateNodes = new BufferedNodeStore(privateNodeStore());
            PrivateContext privateContext = new PrivateContext(
                    new WorldState(privateNodes, privateStateRoot(parent.number())), payloads);
            BlockResult result = processor.importBlock(block, transactions, parent, new WorldState(nodes, parent.stateRoot()),
                    privateContext, ancestors(em, parent));
            return new ExecutedBlock(block, result, nodes, privateNodes);
        });
    }

    /**
     * Stores a block this node built and executed on the head's state (a producer's block, or a Raft
     * entry that this node minted itself): its execution is not repeated.
     */
    public ImportResult importExecuted(ExecutedBlock executed) {
        return write(executed.block(), parent -> executed);
    }

    /** How a block is brought to its executed form once its parent is known to be the head. */
    @FunctionalInterface
    private interface Execution {
        ExecutedBlock run(BlockHeader parent) throws InvalidBlockException;
    }

    private ImportResult write(Block block, Execution execution) {
        BlockHeader header = block.header();
        byte[] hash = header.hash();
        StoredBlock stored;
        List<StoredLog> logs = new ArrayList<>();
        writer.lock();
        try {
            ChainHead current = head;
            if (header.number() <= current.number() && isStored(header.number(), hash)) {
                return ImportResult.refused(ImportResult.Status.ALREADY_KNOWN, "block " + header.number() + " "
                        + Hex.encode(hash) + " is already stored");
            }
            if (!Arrays.equals(header.parentHash(), current.hash())) {
                return ImportResult.refused(ImportResult.Status.NOT_EXTENDING, "block " + header.number() + " "
                        + Hex.encode(hash) + " does not extend the head " + current.number() + " "
                        + Hex.encode(current.hash()));
            }
            DatabaseNodeStore publicNodes = nodeStore();
            DatabaseNodeStore privateNodes = privateNodeStore();
            ExecutedBlock[] executed = new ExecutedBlock[1];
            try {
                stored = inTransaction(() -> {
                    BlockHeader parent = headerOf(current.number());
                    executed[0] = execution.run(parent);
                    executed[0].nodes().flushTo(publicNodes);
                    executed[0].privateNodes().flushTo(privateNodes);
                    return store(executed[0], logs);
                });
                publicNodes.committed();
                privateNodes.committed();
                // a block the minter builds on this one reads these nodes from the cache from now on
                executed[0].nodes().released();
                executed[0].privateNodes().released();
            } catch (InvalidBlock e) {
                LOG.warning(() -> "refused block " + header.number() + " " + Hex.encode(hash) + ": " + e.getMessage());
                return ImportResult.refused(ImportResult.Status.INVALID, e.getMessage());
            }
            // Readers see the new head only once its block is committed.
            head = new ChainHead(header.number(), hash);
        } finally {
            writer.unlock();
        }
        newBlocks.fire(new NewBlockEvent(stored, logs));
        return ImportResult.imported(stored);
    }

    private boolean isStored(long number, byte[] hash) {
        return new ChainRepository(em).blockByNumber(number).map(b -> Arrays.equals(b.getHash(), hash)).orElse(false);
    }

    private BlockHeader headerOf(long number) {
        return new ChainRepository(em).blockByNumber(number)
                .map(b -> BlockHeader.decode(b.getHeaderRlp()))
                .orElseThrow(() -> new IllegalStateException("the head block " + number + " is not stored"));
    }

    /** The block hashes BLOCKHASH sees while a child of {@code parent} runs: its stored ancestors. */
    static AncestorHashes ancestors(EntityManager em, BlockHeader parent) {
        ChainRepository chain = new ChainRepository(em);
        return new AncestorHashes(parent, hash -> chain.blockByHash(hash).map(b -> BlockHeader.decode(b.getHeaderRlp())));
    }

    /** Writes the rows of an executed block whose state nodes are already written, in the caller's transaction. */
    private StoredBlock store(ExecutedBlock executed, List<StoredLog> storedLogs) {
        Block block = executed.block();
        BlockResult result = executed.result();
        BlockHeader header = block.header();
        byte[] blockHash = header.hash();
        List<TransactionRecord> transactions = new ArrayList<>();
        List<ReceiptRecord> receipts = new ArrayList<>();
        List<LogRecord> logs = new ArrayList<>();
        List<PrivateReceiptRecord> privateReceipts = new ArrayList<>();
        List<StoredTransaction> storedTransactions = new ArrayList<>();
        long previousCumulativeGas = 0;
        // One numbering for the block's logs as this node sees them: a party counts the logs of the
        // private transactions it executed where their (log-less) public receipts stand.
        int logIndex = 0;
        for (int i = 0; i < result.transactions().size(); i++) {
            Transaction tx = result.transactions().get(i);
            Receipt receipt = result.receipts().get(i);
            TransactionResult outcome = result.transactionResults().get(i);
            byte[] txHash = tx.hash();
            transactions.add(new TransactionRecord(txHash, header.number(), i, tx.encoded(), tx.sender().toArray(),
                    tx.to().map(Address::toArray).orElse(null)));
            receipts.add(new ReceiptRecord(txHash, header.number(), i, receipt.encode(),
                    receipt.cumulativeGasUsed() - previousCumulativeGas, logIndex,
                    tx.isContractCreation() ? tx.contractAddress().toArray() : null,
                    outcome.isSuccess() ? null : outcome.output()));
            previousCumulativeGas = receipt.cumulativeGasUsed();
            for (Log log : receipt.logs()) {
                logs.add(new LogRecord(header.number(), logIndex, i, txHash, log.address().toArray(),
                        log.topics().toArray(new byte[0][]), log.data()));
                storedLogs.add(new StoredLog(log, header.number(), blockHash, txHash, i, logIndex));
                logIndex++;
            }
            Receipt privateReceipt = result.privateReceipts().get(i);
            if (privateReceipt != null) {
                TransactionResult privateOutcome = result.privateResults().get(i);
                privateReceipts.add(new PrivateReceiptRecord(txHash, header.number(), i, privateReceipt.encode(), logIndex,
                        privateOutcome.contractAddress() == null ? null : privateOutcome.contractAddress().toArray(),
                        privateOutcome.isSuccess() ? null : privateOutcome.output()));
                for (Log log : privateReceipt.logs()) {
                    storedLogs.add(new StoredLog(log, header.number(), blockHash, txHash, i, logIndex++));
                }
            }
            storedTransactions.add(new StoredTransaction(tx, tx.sender(), blockHash, header.number(), i));
        }
        new ChainRepository(em).storeBlock(record(header, transactions.size(), result.privateStateRoot()), transactions,
                receipts, logs);
        new PrivateStateRepository(em).storeReceipts(privateReceipts);
        return new StoredBlock(header, blockHash, storedTransactions, block.encode().length);
    }

    private static BlockRecord record(BlockHeader header, int transactionCount, byte[] privateStateRoot) {
        return new BlockRecord(header.number(), header.hash(), header.parentHash(), header.encode(), privateStateRoot,
                header.timestamp(), header.gasUsed(), transactionCount);
    }

    /** Work that must commit as one database transaction. */
    @FunctionalInterface
    private interface TransactionalWork<T> {
        T run() throws InvalidBlockException;
    }

    /** A block refused inside the transaction (rolled back). */
    private static final class InvalidBlock extends Exception {
        InvalidBlock(InvalidBlockException cause) {
            super(cause.getMessage(), cause);
        }
    }

    /**
     * Runs {@code work} in a transaction of its own that commits before this returns; anything thrown
     * rolls it back. Bean-managed, so that the writer's lock covers the commit.
     */
    private <T> T inTransaction(TransactionalWork<T> work) throws InvalidBlock {
        try {
            transaction.begin();
        } catch (Exception e) {
            throw new IllegalStateException("cannot begin a database transaction", e);
        }
        boolean committed = false;
        try {
            T value = work.run();
            transaction.commit();
            committed = true;
            return value;
        } catch (InvalidBlockException e) {
            throw new InvalidBlock(e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("the block's database transaction failed: " + e.getMessage(), e);
        } finally {
            if (!committed) {
                rollback();
            }
        }
    }

    private void rollback() {
        try {
            if (transaction.getStatus() != Status.STATUS_NO_TRANSACTION) {
                transaction.rollback();
            }
        } catch (SystemException | IllegalStateException | SecurityException e) {
            LOG.log(Level.WARNING, "rollback failed", e);
        }
    }
}
