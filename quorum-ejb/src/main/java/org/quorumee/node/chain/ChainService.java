package org.quorumee.node.chain;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongFunction;
import java.util.logging.Logger;
import org.quorumee.core.bytes.Hex;
import org.quorumee.core.chain.AncestorHashes;
import org.quorumee.core.chain.Block;
import org.quorumee.core.chain.BlockBuilder;
import org.quorumee.core.chain.BlockHeader;
import org.quorumee.core.chain.BlockProcessor;
import org.quorumee.core.chain.HeaderValidator;
import org.quorumee.core.chain.InvalidBlockException;
import org.quorumee.core.types.Log;
import org.quorumee.core.chain.Receipt;
import org.quorumee.core.evm.CodeCache;
import org.quorumee.core.state.WorldState;
import org.quorumee.core.transition.TransactionResult;
import org.quorumee.core.trie.InMemoryNodeStore;
import org.quorumee.core.tx.Transaction;
import org.quorumee.core.types.Address;
import org.quorumee.jpa.chain.BlockRecord;
import org.quorumee.jpa.chain.ChainHeadRecord;
import org.quorumee.jpa.chain.ChainRepository;
import org.quorumee.jpa.chain.LogRecord;
import org.quorumee.jpa.chain.ReceiptRecord;
import org.quorumee.jpa.chain.TransactionRecord;
import org.quorumee.jpa.state.StateRepository;
import org.quorumee.node.NodeService;

/**
 * The stored chain. At start it writes the genesis block and state into an empty database, or checks
 * that the stored chain grew from this node's genesis file; it refuses to start on another's.
 */
@Singleton
@Startup
@DependsOn("NodeService")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class ChainService {
    private static final Logger LOG = Logger.getLogger(ChainService.class.getName());
    /** State nodes kept in memory (a node is ~100-500 bytes). */
    private static final int NODE_CACHE_ENTRIES = 200_000;
    private static final int CODE_CACHE_ENTRIES = 1_000;

    @PersistenceContext(unitName = "quorum")
    private EntityManager em;

    @EJB
    private NodeService node;

    private final NodeCache nodeCache = new NodeCache(NODE_CACHE_ENTRIES);
    /**
     * One writer: blocks are made and stored one at a time. Readers take no lock: they read stored
     * rows and immutable state nodes, and the head moves only once its block is written.
     */
    private final ReentrantLock writer = new ReentrantLock();
    private final long maxLogsBlockRange = Long.getLong("quorum.rpc.maxLogsBlockRange", 10_000);
    private final int maxLogsResults = Integer.getInteger("quorum.rpc.maxLogsResults", 10_000);
    private volatile ChainHead head;

    /** The number and hash of the last stored block. */
    public record ChainHead(long number, byte[] hash) {
    }

    @Inject
    private Event<NewBlockEvent> newBlocks;

    @Resource
    private SessionContext session;

    @Resource
    private TransactionSynchronizationRegistry transactionRegistry;

    private BlockProcessor processor;
    private BlockBuilder builder;
    /** Decoded code of contracts, by code hash, shared by every execution. */
    private final CodeCache codeCache = new CodeCache(CODE_CACHE_ENTRIES);

    @PostConstruct
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    void open() {
        processor = BlockProcessor.forChain(node.genesis().config(), codeCache);
        builder = new BlockBuilder(processor);
        ChainRepository chain = new ChainRepository(em);
        Optional<ChainHeadRecord> stored = chain.head();
        if (stored.isEmpty()) {
            Block genesis = node.genesis().toBlock(nodeStore());
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

    /** The chain's rules: block processing, fork rules and block contexts. */
    public BlockProcessor processor() {
        return processor;
    }

    /** Decoded contract code, shared by every execution. */
    public CodeCache codeCache() {
        return codeCache;
    }

    /** The block hashes BLOCKHASH sees while block {@code header} runs (its ancestors). */
    public LongFunction<byte[]> ancestorsOf(BlockHeader header) {
        ChainRepository chain = new ChainRepository(em);
        return chain.blockByHash(header.parentHash())
                .<LongFunction<byte[]>>map(parent -> ancestors(BlockHeader.decode(parent.getHeaderRlp())))
                .orElse(number -> new byte[32]);
    }

    /** The state nodes read or written lately, shared by every reader of the state. */
    public NodeCache nodeCache() {
        return nodeCache;
    }

    // ------------------------------------------------------------------ producing

    /** The head block's header. */
    public BlockHeader headHeader() {
        return new ChainRepository(em).blockByNumber(head.number())
                .map(b -> BlockHeader.decode(b.getHeaderRlp()))
                .orElseThrow(() -> new IllegalStateException("the head block " + head.number() + " is not stored"));
    }

    /** The base fee the next block will charge (zero on a chain without a fee market). */
    public BigInteger nextBaseFee() {
        return processor.headerValidator().feeMarket().nextBaseFee(headHeader());
    }

    /**
     * Builds the next block from {@code candidates} (in the order given), executes it on the head
     * state and stores it, all in this one transaction. Produces nothing, and writes nothing, when
     * none of the candidates could be included (Quorum: no empty blocks).
     *
     * @param timestampMillis the producer's clock; the block's timestamp is in seconds and strictly
     *                        after its parent's (under a sustained load of several blocks a second
     *                        the chain's clock runs ahead of the wall clock until the load eases)
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public ProducedBlock produceBlock(List<Transaction> candidates, long timestampMillis) {
        writer.lock();
        try {
            return produce(candidates, timestampMillis, false);
        } finally {
            writer.unlock();
        }
    }

    /**
     * Builds, executes and stores the next block with no transaction: only when the engine asks for
     * one explicitly (its quiet-chain rule), never as the outcome of {@link #produceBlock}.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public StoredBlock produceEmptyBlock(long timestampMillis) {
        writer.lock();
        try {
            return produce(List.of(), timestampMillis, true).block();
        } finally {
            writer.unlock();
        }
    }

    private ProducedBlock produce(List<Transaction> candidates, long timestampMillis, boolean emptyRequested) {
        BlockHeader parent = headHeader();
        WorldState state = new WorldState(nodeStore(), parent.stateRoot());
        long timestamp = Math.max(timestampMillis / 1000, parent.timestamp() + 1);
        long gasLimit = HeaderValidator.nextGasLimit(parent.gasLimit(), node.genesis().gasLimit());
        BlockBuilder.BuiltBlock built;
        try {
            built = builder.build(parent, state, candidates,
                    BlockBuilder.Attributes.of(node.address(), timestamp, gasLimit), ancestors(parent));
        } catch (InvalidBlockException e) {
            throw new IllegalStateException("the node built a block its own rules refuse: " + e.getMessage(), e);
        }
        if (built.result().transactions().isEmpty() && !emptyRequested) {
            session.setRollbackOnly();
            return new ProducedBlock(null, built.skipped());
        }
        List<ExecutedTransaction> executed = new ArrayList<>();
        for (int i = 0; i < built.result().transactions().size(); i++) {
            TransactionResult result = built.result().transactionResults().get(i);
            executed.add(new ExecutedTransaction(built.result().transactions().get(i), built.result().receipts().get(i),
                    result.isSuccess() ? null : result.output()));
        }
        StoredBlock stored = store(built.block(), executed);
        return new ProducedBlock(stored, built.skipped());
    }

    /** What a production round made: the stored block (null when none) and the candidates left out. */
    public record ProducedBlock(StoredBlock block, List<BlockBuilder.Skipped> skipped) {
    }

    private DatabaseNodeStore nodeStore() {
        return new DatabaseNodeStore(new StateRepository(em), nodeCache);
    }

    private AncestorHashes ancestors(BlockHeader parent) {
        ChainRepository chain = new ChainRepository(em);
        return new AncestorHashes(parent, hash -> chain.blockByHash(hash).map(b -> BlockHeader.decode(b.getHeaderRlp())));
    }

    // ------------------------------------------------------------------ writing

    /**
     * Stores an executed block on top of the head, with its transactions, receipts and logs, in the
     * caller's transaction (the state nodes it wrote went into the same one), and moves the head.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public StoredBlock storeBlock(Block block, List<ExecutedTransaction> executed) {
        writer.lock();
        try {
            return store(block, executed);
        } finally {
            writer.unlock();
        }
    }

    private StoredBlock store(Block block, List<ExecutedTransaction> executed) {
        BlockHeader header = block.header();
        byte[] blockHash = header.hash();
        List<TransactionRecord> transactions = new ArrayList<>();
        List<ReceiptRecord> receipts = new ArrayList<>();
        List<LogRecord> logs = new ArrayList<>();
        long previousCumulativeGas = 0;
        int logIndex = 0;
        for (int i = 0; i < executed.size(); i++) {
            Transaction tx = executed.get(i).transaction();
            Receipt receipt = executed.get(i).receipt();
            byte[] txHash = tx.hash();
            transactions.add(new TransactionRecord(txHash, header.number(), i, tx.encoded(), tx.sender().toArray(),
                    tx.to().map(Address::toArray).orElse(null)));
            receipts.add(new ReceiptRecord(txHash, header.number(), i, receipt.encode(),
                    receipt.cumulativeGasUsed() - previousCumulativeGas, logIndex,
                    tx.isContractCreation() ? tx.contractAddress().toArray() : null, executed.get(i).revertReason()));
            previousCumulativeGas = receipt.cumulativeGasUsed();
            for (Log log : receipt.logs()) {
                logs.add(new LogRecord(header.number(), logIndex++, i, txHash, log.address().toArray(),
                        log.topics().toArray(new byte[0][]), log.data()));
            }
        }
        new ChainRepository(em).storeBlock(new BlockRecord(header.number(), blockHash, header.parentHash(), header.encode(),
                null, header.timestamp(), header.gasUsed(), executed.size()), transactions, receipts, logs);
        // Readers see the new head only once its block is committed.
        ChainHead newHead = new ChainHead(header.number(), blockHash);
        transactionRegistry.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    head = newHead;
                }
            }
        });
        List<StoredTransaction> storedTransactions = new ArrayList<>();
        for (int i = 0; i < executed.size(); i++) {
            Transaction tx = executed.get(i).transaction();
            storedTransactions.add(new StoredTransaction(tx, tx.sender(), blockHash, header.number(), i));
        }
        StoredBlock stored = new StoredBlock(header, blockHash, storedTransactions, block.encode().length);
        List<StoredLog> storedLogs = new ArrayList<>();
        for (LogRecord log : logs) {
            storedLogs.add(new StoredLog(new Log(Address.wrap(log.getAddress()), List.of(log.getTopics()), log.getData()),
                    header.number(), blockHash, log.getTransactionHash(), log.getTransactionIndex(), log.getLogIndex()));
        }
        newBlocks.fire(new NewBlockEvent(stored, storedLogs));
        return stored;
    }

    // ------------------------------------------------------------------ reading

    public Optional<StoredBlock> block(long number) {
        return new ChainRepository(em).blockByNumber(number).map(this::stored);
    }

    public Optional<StoredBlock> blockByHash(byte[] hash) {
        return new ChainRepository(em).blockByHash(hash).map(this::stored);
    }

    public Optional<StoredTransaction> transaction(byte[] hash) {
        ChainRepository chain = new ChainRepository(em);
        return chain.transaction(hash).map(t -> stored(t, chain.blockByNumber(t.getBlockNumber()).orElseThrow().getHash()));
    }

    public Optional<StoredReceipt> receipt(byte[] transactionHash) {
        ChainRepository chain = new ChainRepository(em);
        Optional<ReceiptRecord> record = chain.receipt(transactionHash);
        if (record.isEmpty()) {
            return Optional.empty();
        }
        BlockRecord block = chain.blockByNumber(record.get().getBlockNumber()).orElseThrow();
        StoredTransaction tx = stored(chain.transaction(transactionHash).orElseThrow(), block.getHash());
        BlockHeader header = BlockHeader.decode(block.getHeaderRlp());
        ReceiptRecord r = record.get();
        return Optional.of(new StoredReceipt(Receipt.decode(r.getReceiptRlp()), tx, r.getGasUsed(),
                r.getContractAddress() == null ? null : Address.wrap(r.getContractAddress()),
                tx.transaction().effectiveGasPrice(header.baseFee().orElse(BigInteger.ZERO)), r.getFirstLogIndex(),
                r.getRevertReason()));
    }

    /**
     * Logs matching {@code query}, in chain order, up to the head; a requested range longer than
     * {@link #maxLogsBlockRange()} or a result longer than {@link #maxLogsResults()} is refused rather
     * than cut short.
     */
    public List<StoredLog> logs(LogQuery query) throws QueryLimitException {
        long span = query.toBlock() - query.fromBlock() + 1;
        if (span > maxLogsBlockRange) {
            throw new QueryLimitException("block range of " + span + " blocks exceeds the limit of "
                    + maxLogsBlockRange + " (quorum.rpc.maxLogsBlockRange)");
        }
        ChainRepository chain = new ChainRepository(em);
        List<LogRecord> records = chain.logs(query.fromBlock(), Math.min(query.toBlock(), head.number()),
                query.addresses().stream().map(Address::toArray).toList(), query.topics(), maxLogsResults + 1);
        if (records.size() > maxLogsResults) {
            throw new QueryLimitException("query returned more than " + maxLogsResults
                    + " results (quorum.rpc.maxLogsResults); narrow the block range or the filter");
        }
        Map<Long, byte[]> blockHashes = new HashMap<>();
        List<StoredLog> logs = new ArrayList<>(records.size());
        for (LogRecord r : records) {
            byte[] blockHash = blockHashes.computeIfAbsent(r.getBlockNumber(),
                    n -> chain.blockByNumber(n).orElseThrow().getHash());
            logs.add(new StoredLog(new Log(Address.wrap(r.getAddress()), List.of(r.getTopics()), r.getData()),
                    r.getBlockNumber(), blockHash, r.getTransactionHash(), r.getTransactionIndex(), r.getLogIndex()));
        }
        return logs;
    }

    public long maxLogsBlockRange() {
        return maxLogsBlockRange;
    }

    public int maxLogsResults() {
        return maxLogsResults;
    }

    private StoredBlock stored(BlockRecord record) {
        List<TransactionRecord> records = new ChainRepository(em).transactionsOfBlock(record.getNumber());
        List<StoredTransaction> transactions = records.stream().map(t -> stored(t, record.getHash())).toList();
        BlockHeader header = BlockHeader.decode(record.getHeaderRlp());
        // Quorum blocks carry no ommers and no withdrawals (an empty list once Shanghai asks for one).
        Block block = new Block(header, records.stream().map(TransactionRecord::getRaw).toList(), List.of(),
                header.withdrawalsRoot().isPresent() ? List.of() : null);
        return new StoredBlock(header, record.getHash(), transactions, block.encode().length);
    }

    private StoredTransaction stored(TransactionRecord record, byte[] blockHash) {
        Transaction tx = Transaction.decode(record.getRaw(), node.genesis().config().chainId());
        return new StoredTransaction(tx, Address.wrap(record.getSender()), blockHash, record.getBlockNumber(),
                record.getTransactionIndex());
    }
}
