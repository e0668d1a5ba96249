package org.quorumee.node.consensus.raft;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import org.quorumee.core.consensus.raft.ConfState;
import org.quorumee.core.consensus.raft.Entry;
import org.quorumee.core.consensus.raft.HardState;
import org.quorumee.core.consensus.raft.InitialState;
import org.quorumee.core.consensus.raft.RaftNode;
import org.quorumee.core.consensus.raft.Ready;
import org.quorumee.core.consensus.raft.Snapshot;
import org.quorumee.core.consensus.raft.WritableRaftStorage;
import org.quorumee.jpa.consensus.RaftLogRepository;

/**
 * The Raft log of this node in its database: {@link JpaRaftStorage} with every call in a container
 * transaction of its own (or the caller's), so that what one {@link Ready} asks to persist commits
 * as one transaction before its messages leave. Only the Raft driver's thread calls it.
 */
@Singleton
@LocalBean
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.REQUIRED)
public class RaftLogStore implements WritableRaftStorage {

    @PersistenceContext(unitName = "quorum")
    private EntityManager em;

    private JpaRaftStorage storage() {
        return new JpaRaftStorage(new RaftLogRepository(em));
    }

    /** Whether nothing was ever stored (a node that never started Raft). */
    public boolean isEmpty() {
        JpaRaftStorage s = storage();
        return s.lastIndex() == 0 && s.snapshot().isEmpty();
    }

    /** A founding node's first start: the founders' snapshot at index 1, applied. */
    public void bootstrap(ConfState founders, byte[] data) {
        JpaRaftStorage s = storage();
        RaftNode.bootstrap(s, founders, data);
        s.saveAppliedIndex(1);
    }

    /** The index the driver applied up to (0 when never written). */
    public long appliedIndex() {
        return storage().appliedIndex();
    }

    public void saveAppliedIndex(long index) {
        storage().saveAppliedIndex(index);
    }

    /**
     * A snapshot of the application at the applied index {@code index}, the log then compacted to
     * {@code compactTo} (at most {@code index}; 0 for none). The applied index is raised to
     * {@code index}, never lowered: the applier records its own, and may be past a periodic snapshot
     * the driver takes meanwhile.
     */
    public Snapshot snapshotAt(long index, ConfState confState, byte[] data, long compactTo) {
        JpaRaftStorage s = storage();
        Snapshot snapshot = s.createSnapshot(index, confState, data);
        s.raiseAppliedIndex(index);
        if (compactTo > 0) {
            s.compact(compactTo);
        }
        return snapshot;
    }

    @Override
    public void persist(Ready ready) {
        storage().persist(ready);
    }

    @Override
    public InitialState initialState() {
        return storage().initialState();
    }

    @Override
    public List<Entry> entries(long lo, long hi, long maxBytes) {
        return storage().entries(lo, hi, maxBytes);
    }

    @Override
    public long term(long index) {
        return storage().term(index);
    }

    @Override
    public long firstIndex() {
        return storage().firstIndex();
    }

    @Override
    public long lastIndex() {
        return storage().lastIndex();
    }

    @Override
    public Snapshot snapshot() {
        return storage().snapshot();
    }

    @Override
    public void append(List<Entry> entries) {
        storage().append(entries);
    }

    @Override
    public void setHardState(HardState state) {
        storage().setHardState(state);
    }

    @Override
    public void applySnapshot(Snapshot snapshot) {
        storage().applySnapshot(snapshot);
    }

    @Override
    public Snapshot createSnapshot(long index, ConfState confState, byte[] data) {
        return storage().createSnapshot(index, confState, data);
    }

    @Override
    public void compact(long index) {
        storage().compact(index);
    }
}
