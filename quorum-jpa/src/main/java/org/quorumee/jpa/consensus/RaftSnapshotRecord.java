package org.quorumee.jpa.consensus;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The latest Raft snapshot: the entry it covers up to, the membership then, the application's data. One row. */
@Entity
@Table(name = "raft_snapshot")
public class RaftSnapshotRecord {
    public static final int SINGLETON_ID = 1;

    @Id
    @Column(name = "id")
    private int id = SINGLETON_ID;

    @Column(name = "snapshot_index", nullable = false)
    private long index;

    @Column(name = "snapshot_term", nullable = false)
    private long term;

    @Column(name = "membership", nullable = false)
    private byte[] membership;

    @Column(name = "data", nullable = false)
    private byte[] data;

    protected RaftSnapshotRecord() {
    }

    public RaftSnapshotRecord(long index, long term, byte[] membership, byte[] data) {
        this.index = index;
        this.term = term;
        this.membership = membership;
        this.data = data;
    }

    public long getIndex() {
        return index;
    }

    public long getTerm() {
        return term;
    }

    public byte[] getMembership() {
        return membership;
    }

    public byte[] getData() {
        return data;
    }

    public void update(long newIndex, long newTerm, byte[] newMembership, byte[] newData) {
        this.index = newIndex;
        this.term = newTerm;
        this.membership = newMembership;
        this.data = newData;
    }
}
