package org.quorumee.jpa.chain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The last fully stored block and the genesis the chain grew from. One row, updated per block. */
@Entity
@Table(name = "chain_head")
public class ChainHeadRecord {
    public static final int SINGLETON_ID = 1;

    @Id
    @Column(name = "id")
    private int id = SINGLETON_ID;

    @Column(name = "genesis_hash", nullable = false)
    private byte[] genesisHash;

    @Column(name = "head_number", nullable = false)
    private long headNumber;

    @Column(name = "head_hash", nullable = false)
    private byte[] headHash;

    protected ChainHeadRecord() {
    }

    public ChainHeadRecord(byte[] genesisHash, long headNumber, byte[] headHash) {
        this.genesisHash = genesisHash;
        this.headNumber = headNumber;
        this.headHash = headHash;
    }

    public byte[] getGenesisHash() {
        return genesisHash;
    }

    public long getHeadNumber() {
        return headNumber;
    }

    public byte[] getHeadHash() {
        return headHash;
    }

    public void moveTo(long number, byte[] hash) {
        this.headNumber = number;
        this.headHash = hash;
    }
}
