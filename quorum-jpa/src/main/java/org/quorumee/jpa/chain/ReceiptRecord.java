package org.quorumee.jpa.chain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.quorumee.jpa.common.ReceiptColumns;

/** The receipt of a stored transaction, as every node stores it, with the gas this transaction alone used. */
@Entity
@Table(name = "receipt")
public class ReceiptRecord extends ReceiptColumns {
    @Column(name = "gas_used", nullable = false)
    private long gasUsed;

    protected ReceiptRecord() {
    }

    public ReceiptRecord(byte[] transactionHash, long blockNumber, int transactionIndex, byte[] receiptRlp,
                         long gasUsed, int firstLogIndex, byte[] contractAddress, byte[] revertReason) {
        super(transactionHash, blockNumber, transactionIndex, receiptRlp, firstLogIndex, contractAddress, revertReason);
        this.gasUsed = gasUsed;
    }

    public long getGasUsed() {
        return gasUsed;
    }
}
