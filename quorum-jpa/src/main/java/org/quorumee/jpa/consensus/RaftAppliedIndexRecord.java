package org.quorumee.jpa.consensus;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The last Raft log index the node applied. One row, written with what applying changed. */
@Entity
@Table(name = "raft_applied_index")
public class RaftAppliedIndexRecord {
    public static final int SINGLETON_ID = 1;

    @Id
    @Column(name = "id")
    private int id = SINGLETON_ID;

    @Column(name = "applied_index", nullable = false)
    private long appliedIndex;

    protected RaftAppliedIndexRecord() {
    }

    public RaftAppliedIndexRecord(long appliedIndex) {
        this.appliedIndex = appliedIndex;
    }

    public long getAppliedIndex() {
        return appliedIndex;
    }

    public void setAppliedIndex(long appliedIndex) {
        this.appliedIndex = appliedIndex;
    }
}
