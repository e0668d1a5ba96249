package org.quorumee.jpa.chain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/** One log of a stored block, its topics in columns so that filters are indexed queries. */
@Entity
@Table(name = "log_entry")
@IdClass(LogRecord.Key.class)
public class LogRecord {

    /** A log's position: its block and its index within the block. */
    public static class Key implements Serializable {
        private long blockNumber;
        private int logIndex;

        public Key() {
        }

        public Key(long blockNumber, int logIndex) {
            this.blockNumber = blockNumber;
            this.logIndex = logIndex;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.blockNumber == blockNumber && k.logIndex == logIndex;
        }

        @Override
        public int hashCode() {
            return Objects.hash(blockNumber, logIndex);
        }
    }

    /** At most four topics, as the LOG0..LOG4 opcodes write them. */
    public static final int MAX_TOPICS = 4;

    @Id
    @Column(name = "block_number")
    private long blockNumber;

    @Id
    @Column(name = "log_index")
    private int logIndex;

    @Column(name = "transaction_index", nullable = false)
    private int transactionIndex;

    @Column(name = "transaction_hash", nullable = false)
    private byte[] transactionHash;

    @Column(name = "address", nullable = false)
    private byte[] address;

    @Column(name = "topic0")
    private byte[] topic0;

    @Column(name = "topic1")
    private byte[] topic1;

    @Column(name = "topic2")
    private byte[] topic2;

    @Column(name = "topic3")
    private byte[] topic3;

    @Column(name = "data", nullable = false)
    private byte[] data;

    protected LogRecord() {
    }

    public LogRecord(long blockNumber, int logIndex, int transactionIndex, byte[] transactionHash, byte[] address,
                     byte[][] topics, byte[] data) {
        if (topics.length > MAX_TOPICS) {
            throw new IllegalArgumentException("a log has at most 4 topics, not " + topics.length);
        }
        this.blockNumber = blockNumber;
        this.logIndex = logIndex;
        this.transactionIndex = transactionIndex;
        this.transactionHash = transactionHash;
        this.address = address;
        this.topic0 = topics.length > 0 ? topics[0] : null;
        this.topic1 = topics.length > 1 ? topics[1] : null;
        this.topic2 = topics.length > 2 ? topics[2] : null;
        this.topic3 = topics.length > 3 ? topics[3] : null;
        this.data = data;
    }

    public long getBlockNumber() {
        return blockNumber;
    }

    public int getLogIndex() {
        return logIndex;
    }

    public int getTransactionIndex() {
        return transactionIndex;
    }

    public byte[] getTransactionHash() {
        return transactionHash;
    }

    public byte[] getAddress() {
        return address;
    }

    /** The topics in order, without the unused slots. */
    public byte[][] getTopics() {
        byte[][] all = {topic0, topic1, topic2, topic3};
        int count = 0;
        while (count < MAX_TOPICS && all[count] != null) {
            count++;
        }
        return java.util.Arrays.copyOf(all, count);
    }

    public byte[] getData() {
        return data;
    }
}
