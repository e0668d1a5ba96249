package org.quorumee.node.chain;

import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongFunction;
import org.quorumee.core.chain.Block;
import org.quorumee.core.chain.BlockHeader;
import org.quorumee.core.chain.BlockProcessor;
import org.quorumee.core.chain.Receipt;
import org.quorumee.core.evm.CodeCache;
import org.quorumee.core.tx.Transaction;
import org.quorumee.core.types.Address;
import org.quorumee.core.types.Log;
import org.quorumee.jpa.chain.BlockRecord;
import org.quorumee.jpa.chain.ChainRepository;
import org.quorumee.jpa.chain.LogRecord;
import org.quorumee.jpa.chain.ReceiptRecord;
import org.quorumee.jpa.chain.TransactionRecord;
import org.quorumee.jpa.privatestate.PrivateReceiptRecord;
import org.quorumee.jpa.privatestate.PrivateStateRepository;
import org.quorumee.node.NodeService;

/**
 * Reads the stored chain for every query (JSON-RPC, the pool, the engines): blocks, transactions,
 * receipts, logs, and the head that the {@link BlockImporter} — the only writer — moves once a block
 * has committed. Reads take no lock: stored rows and state nodes never change.
 */
@Singleton
@DependsOn("BlockImporter")
@Lock(LockType.READ)
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class ChainReader {
    @PersistenceContext(unitName = "quorum")
    private EntityManager em;

    @EJB
    private NodeService node;

    @EJB
    private BlockImporter importer;

    private final long maxLogsBlockRange = Long.getLong("quorum.rpc.maxLogsBlockRange", 10_000);
    private final int maxLogsResults = Integer.getInteger("quorum.rpc.maxLogsResults", 10_000);

    /** The last stored block. */
    public BlockImporter.ChainHead head() {
        return importer.head();
    }

    /** The chain's rules: block processing, fork rules and block contexts. */
    public BlockProcessor processor() {
        return importer.processor();
    }

    /** Decoded contract code, shared by every execution. */
    public CodeCache codeCache() {
        return importer.codeCache();
    }

    /** The stored state nodes, read through the shared cache. */
    public DatabaseNodeStore nodeStore() {
        return importer.nodeStore();
    }

    /** The block hashes BLOCKHASH sees while block {@code header} runs (its ancestors). */
    public LongFunction<byte[]> ancestorsOf(BlockHeader header) {
        return headerByHash(header.parentHash())
                .<LongFunction<byte[]>>map(parent -> BlockImporter.ancestors(em, parent))
                .orElse(number -> new byte[32]);
    }

    /** The head block's header. */
    public BlockHeader headHeader() {
        long number = head().number();
        return header(number).orElseThrow(() -> new IllegalStateException("the head block " + number + " is not stored"));
    }

    /** The header of stored block {@code number}, without its body. */
    public Optional<BlockHeader> header(long number) {
        return new ChainRepository(em).blockByNumber(number).map(b -> BlockHeader.decode(b.getHeaderRlp()));
    }

    /** The header of the stored block with {@code hash}, without its body. */
    public Optional<BlockHeader> headerByHash(byte[] hash) {
        return new ChainRepository(em).blockByHash(hash).map(b -> BlockHeader.decode(b.getHeaderRlp()));
    }

    /** The base fee the next block will charge (zero on a chain without a fee market). */
    public BigInteger nextBaseFee() {
        return processor().headerValidator().feeMarket().nextBaseFee(headHeader());
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

    /**
     * A transaction's receipt as this node sees it: for a private transaction this node is a party
     * to, the private receipt (its status, logs and created contract); elsewhere the public one.
     */
    public Optional<StoredReceipt> receipt(byte[] transactionHash) {
        ChainRepository chain = new ChainRepository(em);
        Optional<ReceiptRecord> record = chain.receipt(transactionHash);
        if (record.isEmpty()) {
            return Optional.empty();
        }
        BlockRecord block = chain.blockByNumber(record.get().getBlockNumber()).orElseThrow();
        StoredTransaction tx = stored(chain.transaction(transactionHash).orElseThrow(), block.getHash());
        BlockHeader header = BlockHeader.decode(block.getHeaderRlp());
        BigInteger price = tx.transaction().effectiveGasPrice(header.baseFee().orElse(BigInteger.ZERO));
        Optional<PrivateReceiptRecord> privateRecord = new PrivateStateRepository(em).receipt(transactionHash);
        if (privateRecord.isPresent()) {
            PrivateReceiptRecord p = privateRecord.get();
            // GoQuorum reports no gas for a private transaction's execution
            return Optional.of(new StoredReceipt(Receipt.decode(p.getReceiptRlp()), tx, 0,
                    p.getContractAddress() == null ? null : Address.wrap(p.getContractAddress()), price,
                    p.getFirstLogIndex(), p.getRevertReason()));
        }
        ReceiptRecord r = record.get();
        return Optional.of(new StoredReceipt(Receipt.decode(r.getReceiptRlp()), tx, r.getGasUsed(),
                r.getContractAddress() == null ? null : Address.wrap(r.getContractAddress()), price,
                r.getFirstLogIndex(), r.getRevertReason()));
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
        long toBlock = Math.min(query.toBlock(), head().number());
        List<LogRecord> records = chain.logs(query.fromBlock(), toBlock,
                query.addresses().stream().map(Address::toArray).toList(), query.topics(), maxLogsResults + 1);
        Map<Long, byte[]> blockHashes = new HashMap<>();
        List<StoredLog> logs = new ArrayList<>(records.size());
        for (LogRecord r : records) {
            byte[] blockHash = blockHashes.computeIfAbsent(r.getBlockNumber(),
                    n -> chain.blockByNumber(n).orElseThrow().getHash());
            logs.add(new StoredLog(new Log(Address.wrap(r.getAddress()), List.of(r.getTopics()), r.getData()),
                    r.getBlockNumber(), blockHash, r.getTransactionHash(), r.getTransactionIndex(), r.getLogIndex()));
        }
        // The logs of private transactions this node is a party to live inside their private
        // receipts: fewer, so filtered here rather than indexed.
        for (PrivateReceiptRecord p : new PrivateStateRepository(em).receipts(query.fromBlock(), toBlock)) {
            int logIndex = p.getFirstLogIndex();
            for (Log log : Receipt.decode(p.getReceiptRlp()).logs()) {
                if (query.matches(log)) {
                    byte[] blockHash = blockHashes.computeIfAbsent(p.getBlockNumber(),
                            n -> chain.blockByNumber(n).orElseThrow().getHash());
                    logs.add(new StoredLog(log, p.getBlockNumber(), blockHash, p.getTransactionHash(),
                            p.getTransactionIndex(), logIndex));
                }
                logIndex++;
            }
        }
        if (logs.size() > maxLogsResults) {
            throw new QueryLimitException("query returned more than " + maxLogsResults
                    + " results (quorum.rpc.maxLogsResults); narrow the block range or the filter");
        }
        logs.sort(Comparator.comparingLong(StoredLog::blockNumber).thenComparingInt(StoredLog::logIndex));
        return logs;
    }

    public long maxLogsBlockRange() {
        return maxLogsBlockRange;
    }

    public int maxLogsResults() {
        return maxLogsResults;
    }

    /** Stored block {@code number} whole, as peers exchange it. */
    public Optional<Block> fullBlock(long number) {
        ChainRepository chain = new ChainRepository(em);
        return chain.blockByNumber(number).map(record -> block(record, chain.transactionsOfBlock(number)));
    }

    private static Block block(BlockRecord record, List<TransactionRecord> transactions) {
        BlockHeader header = BlockHeader.decode(record.getHeaderRlp());
        // Quorum blocks carry no ommers and no withdrawals (an empty list once Shanghai asks for one).
        return new Block(header, transactions.stream().map(TransactionRecord::getRaw).toList(), List.of(),
                header.withdrawalsRoot().isPresent() ? List.of() : null);
    }

    private StoredBlock stored(BlockRecord record) {
        List<TransactionRecord> records = new ChainRepository(em).transactionsOfBlock(record.getNumber());
        List<StoredTransaction> transactions = records.stream().map(t -> stored(t, record.getHash())).toList();
        Block block = block(record, records);
        return new StoredBlock(block.header(), record.getHash(), transactions, block.encode().length);
    }

    private StoredTransaction stored(TransactionRecord record, byte[] blockHash) {
        Transaction tx = Transaction.decode(record.getRaw(), node.genesis().config().chainId());
        return new StoredTransaction(tx, Address.wrap(record.getSender()), blockHash, record.getBlockNumber(),
                record.getTransactionIndex());
    }
}
