package org.quorumee.jpa.chain;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.quorumee.jpa.common.BatchInsert;

/**
 * The stored chain: blocks, their transactions, receipts and logs, and the head. One block is stored
 * with everything it carries inside the caller's transaction, so a crash leaves either all of it or
 * none of it.
 */
public class ChainRepository {
    private final EntityManager em;

    public ChainRepository(EntityManager em) {
        this.em = em;
    }

    public Optional<ChainHeadRecord> head() {
        return Optional.ofNullable(em.find(ChainHeadRecord.class, ChainHeadRecord.SINGLETON_ID));
    }

    /** Stores the genesis block and starts the chain at it. */
    public void storeGenesis(BlockRecord genesis) {
        em.persist(genesis);
        em.persist(new ChainHeadRecord(genesis.getHash(), genesis.getNumber(), genesis.getHash()));
    }

    /**
     * Stores a block on top of the head, with its transactions, receipts and logs, and moves the head.
     *
     * @throws IllegalStateException when the block is not the head's child (number and parent hash)
     */
    public void storeBlock(BlockRecord block, List<TransactionRecord> transactions, List<ReceiptRecord> receipts,
                           List<LogRecord> logs) {
        ChainHeadRecord head = head().orElseThrow(() -> new IllegalStateException("no genesis stored"));
        if (block.getNumber() != head.getHeadNumber() + 1) {
            throw new IllegalStateException("block " + block.getNumber() + " does not follow the head " + head.getHeadNumber());
        }
        if (!Arrays.equals(block.getParentHash(), head.getHeadHash())) {
            throw new IllegalStateException("block " + block.getNumber() + " is not a child of the head: its parent hash is not the head's hash");
        }
        // Rows in JDBC batches, in the order of their references (receipts name transactions, which name the block).
        BatchInsert.insert(em, "INSERT INTO block (number, hash, parent_hash, header_rlp, private_state_root,"
                + " timestamp_seconds, gas_used, transaction_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", List.of(block), (s, b) -> {
                    s.setLong(1, b.getNumber());
                    s.setBytes(2, b.getHash());
                    s.setBytes(3, b.getParentHash());
                    s.setBytes(4, b.getHeaderRlp());
                    s.setBytes(5, b.getPrivateStateRoot());
                    s.setLong(6, b.getTimestampSeconds());
                    s.setLong(7, b.getGasUsed());
                    s.setInt(8, b.getTransactionCount());
                });
        BatchInsert.insert(em, "INSERT INTO chain_transaction (hash, block_number, transaction_index, raw, sender, recipient)"
                + " VALUES (?, ?, ?, ?, ?, ?)", transactions, (s, t) -> {
                    s.setBytes(1, t.getHash());
                    s.setLong(2, t.getBlockNumber());
                    s.setInt(3, t.getTransactionIndex());
                    s.setBytes(4, t.getRaw());
                    s.setBytes(5, t.getSender());
                    s.setBytes(6, t.getRecipient());
                });
        BatchInsert.insert(em, "INSERT INTO receipt (transaction_hash, block_number, transaction_index, receipt_rlp, gas_used,"
                + " first_log_index, contract_address, revert_reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", receipts, (s, r) -> {
                    s.setBytes(1, r.getTransactionHash());
                    s.setLong(2, r.getBlockNumber());
                    s.setInt(3, r.getTransactionIndex());
                    s.setBytes(4, r.getReceiptRlp());
                    s.setLong(5, r.getGasUsed());
                    s.setInt(6, r.getFirstLogIndex());
                    s.setBytes(7, r.getContractAddress());
                    s.setBytes(8, r.getRevertReason());
                });
        BatchInsert.insert(em, "INSERT INTO log_entry (block_number, log_index, transaction_index, transaction_hash, address,"
                + " topic0, topic1, topic2, topic3, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", logs, (s, l) -> {
                    s.setLong(1, l.getBlockNumber());
                    s.setInt(2, l.getLogIndex());
                    s.setInt(3, l.getTransactionIndex());
                    s.setBytes(4, l.getTransactionHash());
                    s.setBytes(5, l.getAddress());
                    byte[][] topics = l.getTopics();
                    for (int i = 0; i < LogRecord.MAX_TOPICS; i++) {
                        s.setBytes(6 + i, i < topics.length ? topics[i] : null);
                    }
                    s.setBytes(10, l.getData());
                });
        head.moveTo(block.getNumber(), block.getHash());
    }

    public Optional<BlockRecord> blockByNumber(long number) {
        return Optional.ofNullable(em.find(BlockRecord.class, number));
    }

    public Optional<BlockRecord> blockByHash(byte[] hash) {
        return em.createQuery("SELECT b FROM BlockRecord b WHERE b.hash = :hash", BlockRecord.class)
                .setParameter("hash", hash).getResultStream().findFirst();
    }

    public List<TransactionRecord> transactionsOfBlock(long number) {
        return em.createQuery("SELECT t FROM TransactionRecord t WHERE t.blockNumber = :number ORDER BY t.transactionIndex",
                TransactionRecord.class).setParameter("number", number).getResultList();
    }

    public Optional<TransactionRecord> transaction(byte[] hash) {
        return Optional.ofNullable(em.find(TransactionRecord.class, hash));
    }

    public Optional<ReceiptRecord> receipt(byte[] transactionHash) {
        return Optional.ofNullable(em.find(ReceiptRecord.class, transactionHash));
    }

    /**
     * Logs in {@code [fromBlock, toBlock]} in chain order, emitted by one of {@code addresses} (any when
     * empty) and matching {@code topics} position by position: an empty alternative list matches any
     * topic at that position, otherwise the topic must be one of the alternatives (eth_getLogs).
     */
    public List<LogRecord> logs(long fromBlock, long toBlock, List<byte[]> addresses, List<List<byte[]>> topics,
                                int maxResults) {
        if (topics.size() > LogRecord.MAX_TOPICS) {
            throw new IllegalArgumentException("at most 4 topic positions, not " + topics.size());
        }
        StringBuilder jpql = new StringBuilder(
                "SELECT l FROM LogRecord l WHERE l.blockNumber BETWEEN :from AND :to");
        if (!addresses.isEmpty()) {
            jpql.append(" AND l.address IN :addresses");
        }
        List<Integer> constrained = new ArrayList<>();
        for (int i = 0; i < topics.size(); i++) {
            if (topics.get(i).isEmpty()) {
                // a wildcard still needs the log to have a topic at that position (go-ethereum's rule)
                jpql.append(" AND l.topic").append(i).append(" IS NOT NULL");
            } else {
                jpql.append(" AND l.topic").append(i).append(" IN :topic").append(i);
                constrained.add(i);
            }
        }
        jpql.append(" ORDER BY l.blockNumber, l.logIndex");
        TypedQuery<LogRecord> query = em.createQuery(jpql.toString(), LogRecord.class)
                .setParameter("from", fromBlock)
                .setParameter("to", toBlock)
                .setMaxResults(maxResults);
        if (!addresses.isEmpty()) {
            query.setParameter("addresses", addresses);
        }
        for (int i : constrained) {
            query.setParameter("topic" + i, topics.get(i));
        }
        return query.getResultList();
    }
}
