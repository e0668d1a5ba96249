package org.quorumee.jpa.consensus;

import jakarta.persistence.EntityManager;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The Raft log, hard state, snapshot and applied index, in numbers and bytes. Writes join the
 * caller's transaction. The log's lowest row is the compaction point (see {@code V10__raft.sql}).
 */
public class RaftLogRepository {
    private final EntityManager em;

    public RaftLogRepository(EntityManager em) {
        this.em = em;
    }

    public Optional<RaftHardStateRecord> hardState() {
        return Optional.ofNullable(em.find(RaftHardStateRecord.class, RaftHardStateRecord.SINGLETON_ID));
    }

    public void saveHardState(long term, long vote, long commitIndex) {
        RaftHardStateRecord row = em.find(RaftHardStateRecord.class, RaftHardStateRecord.SINGLETON_ID);
        if (row == null) {
            em.persist(new RaftHardStateRecord(term, vote, commitIndex));
        } else {
            row.update(term, vote, commitIndex);
        }
    }

    public Optional<RaftSnapshotRecord> snapshot() {
        return Optional.ofNullable(em.find(RaftSnapshotRecord.class, RaftSnapshotRecord.SINGLETON_ID));
    }

    public void saveSnapshot(long index, long term, byte[] membership, byte[] data) {
        RaftSnapshotRecord row = em.find(RaftSnapshotRecord.class, RaftSnapshotRecord.SINGLETON_ID);
        if (row == null) {
            em.persist(new RaftSnapshotRecord(index, term, membership, data));
        } else {
            row.update(index, term, membership, data);
        }
    }

    /** The applied index; 0 when none was ever written. */
    public long appliedIndex() {
        RaftAppliedIndexRecord row = em.find(RaftAppliedIndexRecord.class, RaftAppliedIndexRecord.SINGLETON_ID);
        return row == null ? 0 : row.getAppliedIndex();
    }

    public void saveAppliedIndex(long index) {
        RaftAppliedIndexRecord row = em.find(RaftAppliedIndexRecord.class, RaftAppliedIndexRecord.SINGLETON_ID);
        if (row == null) {
            em.persist(new RaftAppliedIndexRecord(index));
        } else {
            row.setAppliedIndex(index);
        }
    }

    /** The index of the lowest row (the compaction point); empty when the log has no row. */
    public OptionalLong lowestIndex() {
        Long min = em.createQuery("SELECT MIN(e.index) FROM RaftLogEntryRecord e", Long.class).getSingleResult();
        return min == null ? OptionalLong.empty() : OptionalLong.of(min);
    }

    /** The index of the highest row; empty when the log has no row. */
    public OptionalLong highestIndex() {
        Long max = em.createQuery("SELECT MAX(e.index) FROM RaftLogEntryRecord e", Long.class).getSingleResult();
        return max == null ? OptionalLong.empty() : OptionalLong.of(max);
    }

    public Optional<RaftLogEntryRecord> entry(long index) {
        return em.createQuery("SELECT e FROM RaftLogEntryRecord e WHERE e.index = :index", RaftLogEntryRecord.class)
                .setParameter("index", index).getResultStream().findFirst();
    }

    /** Rows {@code [from, to)} in index order, at most {@code maxResults}. */
    public List<RaftLogEntryRecord> entries(long from, long to, int maxResults) {
        return em.createQuery("SELECT e FROM RaftLogEntryRecord e WHERE e.index >= :from AND e.index < :to ORDER BY e.index",
                        RaftLogEntryRecord.class)
                .setParameter("from", from).setParameter("to", to).setMaxResults(maxResults).getResultList();
    }

    /**
     * Writes consecutive rows: each replaces the row at its index, and every row above the last
     * one goes (the log is truncated after them).
     */
    public void write(List<RaftLogEntryRecord> rows) {
        if (rows.isEmpty()) {
            return;
        }
        long first = rows.get(0).getIndex();
        long last = rows.get(rows.size() - 1).getIndex();
        Map<Long, RaftLogEntryRecord> existing = new HashMap<>();
        for (RaftLogEntryRecord row : em.createQuery("SELECT e FROM RaftLogEntryRecord e WHERE e.index >= :first",
                RaftLogEntryRecord.class).setParameter("first", first).getResultList()) {
            existing.put(row.getIndex(), row);
        }
        for (RaftLogEntryRecord row : rows) {
            RaftLogEntryRecord old = existing.remove(row.getIndex());
            if (old == null) {
                em.persist(row);
            } else {
                old.replace(row.getTerm(), row.getType(), row.getData());
            }
        }
        for (RaftLogEntryRecord stale : existing.values()) {
            if (stale.getIndex() > last) {
                em.remove(stale);
            }
        }
    }

    /** The log becomes this one row (a snapshot replaced it; the row is its compaction point). */
    public void replaceAllBy(RaftLogEntryRecord only) {
        RaftLogEntryRecord kept = null;
        for (RaftLogEntryRecord row : em.createQuery("SELECT e FROM RaftLogEntryRecord e", RaftLogEntryRecord.class)
                .getResultList()) {
            if (row.getIndex() == only.getIndex()) {
                kept = row;
            } else {
                em.remove(row);
            }
        }
        if (kept == null) {
            em.persist(only);
        } else {
            kept.replace(only.getTerm(), only.getType(), only.getData());
        }
    }

    /** Deletes the rows below {@code index} (compaction); returns how many. */
    public int deleteBelow(long index) {
        return em.createQuery("DELETE FROM RaftLogEntryRecord e WHERE e.index < :index").setParameter("index", index)
                .executeUpdate();
    }
}
