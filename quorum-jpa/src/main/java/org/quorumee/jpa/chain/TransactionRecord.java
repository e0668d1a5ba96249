package org.quorumee.jpa.chain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A transaction of a finalised block, in its canonical encoding, with its position and parties. */
@Entity
@Table(name = "chain_transaction")
public class TransactionRecord {
    @Id
    @Column(name = "hash")
    private byte[] hash;

    @Column(name = "block_number", nullable = false)
    private long blockNumber;

    @Column(name = "transaction_index", nullable = false)
    private int transactionIndex;

    @Column(name = "raw", nullable = false)
    private byte[] raw;

    @Column(name = "sender", nullable = false)
    private byte[] sender;

    @Column(name = "recipient")
    private byte[] recipient;

    protected TransactionRecord() {
    }

    public TransactionRecord(byte[] hash, long blockNumber, int transactionIndex, byte[] raw, byte[] sender, byte[] recipient) {
        this.hash = hash;
        this.blockNumber = blockNumber;
        this.transactionIndex = transactionIndex;
        this.raw = raw;
        this.sender = sender;
        this.recipient = recipient;
    }

    public byte[] getHash() {
        return hash;
    }

    public long getBlockNumber() {
        return blockNumber;
    }

    public int getTransactionIndex() {
        return transactionIndex;
    }

    public byte[] getRaw() {
        return raw;
    }

    public byte[] getSender() {
        return sender;
    }

    public byte[] getRecipient() {
        return recipient;
    }
}
