package org.quorumee.jpa.chain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A finalised block: its header as RLP, and the columns queries select on. */
@Entity
@Table(name = "block")
public class BlockRecord {
    @Id
    @Column(name = "number")
    private long number;

    @Column(name = "hash", nullable = false, unique = true)
    private byte[] hash;

    @Column(name = "parent_hash", nullable = false)
    private byte[] parentHash;

    @Column(name = "header_rlp", nullable = false)
    private byte[] headerRlp;

    @Column(name = "private_state_root")
    private byte[] privateStateRoot;

    @Column(name = "timestamp_seconds", nullable = false)
    private long timestampSeconds;

    @Column(name = "gas_used", nullable = false)
    private long gasUsed;

    @Column(name = "transaction_count", nullable = false)
    private int transactionCount;

    protected BlockRecord() {
    }

    public BlockRecord(long number, byte[] hash, byte[] parentHash, byte[] headerRlp, byte[] privateStateRoot,
                       long timestampSeconds, long gasUsed, int transactionCount) {
        this.number = number;
        this.hash = hash;
        this.parentHash = parentHash;
        this.headerRlp = headerRlp;
        this.privateStateRoot = privateStateRoot;
        this.timestampSeconds = timestampSeconds;
        this.gasUsed = gasUsed;
        this.transactionCount = transactionCount;
    }

    public long getNumber() {
        return number;
    }

    public byte[] getHash() {
        return hash;
    }

    public byte[] getParentHash() {
        return parentHash;
    }

    public byte[] getHeaderRlp() {
        return headerRlp;
    }

    public byte[] getPrivateStateRoot() {
        return privateStateRoot;
    }

    public long getTimestampSeconds() {
        return timestampSeconds;
    }

    public long getGasUsed() {
        return gasUsed;
    }

    public int getTransactionCount() {
        return transactionCount;
    }
}
