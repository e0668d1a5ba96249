package org.quorumee.jpa.privatestate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The private receipt of a private transaction this node executed as a party, in the consensus
 * encoding (its logs included), with what the RPC adds to it.
 */
@Entity
@Table(name = "private_receipt")
public class PrivateReceiptRecord {
    @Id
    @Column(name = "transaction_hash")
    private byte[] transactionHash;

    @Column(name = "block_number", nullable = false)
    private long blockNumber;

    @Column(name = "transaction_index", nullable = false)
    private int transactionIndex;

    @Column(name = "receipt_rlp", nullable = false)
    private byte[] receiptRlp;

    @Column(name = "first_log_index", nullable = false)
    private int firstLogIndex;

    @Column(name = "contract_address")
    private byte[] contractAddress;

    @Column(name = "revert_reason")
    private byte[] revertReason;

    protected PrivateReceiptRecord() {
    }

    public PrivateReceiptRecord(byte[] transactionHash, long blockNumber, int transactionIndex, byte[] receiptRlp,
                                int firstLogIndex, byte[] contractAddress, byte[] revertReason) {
        this.transactionHash = transactionHash;
        this.blockNumber = blockNumber;
        this.transactionIndex = transactionIndex;
        this.receiptRlp = receiptRlp;
        this.firstLogIndex = firstLogIndex;
        this.contractAddress = contractAddress;
        this.revertReason = revertReason;
    }

    public byte[] getTransactionHash() {
        return transactionHash;
    }

    public long getBlockNumber() {
        return blockNumber;
    }

    public int getTransactionIndex() {
        return transactionIndex;
    }

    public byte[] getReceiptRlp() {
        return receiptRlp;
    }

    public int getFirstLogIndex() {
        return firstLogIndex;
    }

    public byte[] getContractAddress() {
        return contractAddress;
    }

    public byte[] getRevertReason() {
        return revertReason;
    }
}
