package org.quorumee.jpa.privatestate;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.quorumee.jpa.common.ReceiptColumns;

/** The private receipt of a private transaction this node executed as a party (GoQuorum reports no gas for it). */
@Entity
@Table(name = "private_receipt")
public class PrivateReceiptRecord extends ReceiptColumns {
    protected PrivateReceiptRecord() {
    }

    public PrivateReceiptRecord(byte[] transactionHash, long blockNumber, int transactionIndex, byte[] receiptRlp,
                                int firstLogIndex, byte[] contractAddress, byte[] revertReason) {
        super(transactionHash, blockNumber, transactionIndex, receiptRlp, firstLogIndex, contractAddress, revertReason);
    }
}
