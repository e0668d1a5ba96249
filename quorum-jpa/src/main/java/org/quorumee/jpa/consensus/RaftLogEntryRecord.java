package org.quorumee.jpa.consensus;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One Raft log entry: position, term, kind (0 normal, 1 membership change) and data. */
@Entity
@Table(name = "raft_log_entry")
public class RaftLogEntryRecord {
    @Id
    @Column(name = "entry_index")
    private long index;

    @Column(name = "term", nullable = false)
    private long term;

    @Column(name = "entry_type", nullable = false)
    private int type;

    @Column(name = "data", nullable = false)
    private byte[] data;

    protected RaftLogEntryRecord() {
    }

    public RaftLogEntryRecord(long index, long term, int type, byte[] data) {
        this.index = index;
        this.term = term;
        this.type = type;
        this.data = data;
    }

    public long getIndex() {
        return index;
    }

    public long getTerm() {
        return term;
    }

    public int getType() {
        return type;
    }

    public byte[] getData() {
        return data;
    }

    /** Overwrites this entry (a new leader replaced an uncommitted one at this index). */
    public void replace(long newTerm, int newType, byte[] newData) {
        this.term = newTerm;
        this.type = newType;
        this.data = newData;
    }
}
