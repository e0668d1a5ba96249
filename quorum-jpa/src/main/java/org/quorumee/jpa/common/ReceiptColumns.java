package org.quorumee.jpa.common;

import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;

/**
 * What a stored receipt holds, public or private: its transaction, its place in the block, the
 * consensus encoding (logs included), and what the RPC adds to it.
 */
@MappedSuperclass
public abstract class ReceiptColumns {
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

    protected ReceiptColumns() {
    }

    protected ReceiptColumns(byte[] transactionHash, long blockNumber, int transactionIndex, byte[] receiptRlp,
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
