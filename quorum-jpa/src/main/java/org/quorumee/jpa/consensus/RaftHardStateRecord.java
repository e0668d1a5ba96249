package org.quorumee.jpa.consensus;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Raft's hard state: current term, vote in that term (0: none), commit index. One row. */
@Entity
@Table(name = "raft_hard_state")
public class RaftHardStateRecord {
    public static final int SINGLETON_ID = 1;

    @Id
    @Column(name = "id")
    private int id = SINGLETON_ID;

    @Column(name = "term", nullable = false)
    private long term;

    @Column(name = "vote", nullable = false)
    private long vote;

    @Column(name = "commit_index", nullable = false)
    private long commitIndex;

    protected RaftHardStateRecord() {
    }

    public RaftHardStateRecord(long term, long vote, long commitIndex) {
        this.term = term;
        this.vote = vote;
        this.commitIndex = commitIndex;
    }

    public long getTerm() {
        return term;
    }

    public long getVote() {
        return vote;
    }

    public long getCommitIndex() {
        return commitIndex;
    }

    public void update(long newTerm, long newVote, long newCommitIndex) {
        this.term = newTerm;
        this.vote = newVote;
        this.commitIndex = newCommitIndex;
    }
}
