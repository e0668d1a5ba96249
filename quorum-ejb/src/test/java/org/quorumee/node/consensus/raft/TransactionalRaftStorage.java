package org.quorumee.node.consensus.raft;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.util.List;
import java.util.function.Function;
import org.quorumee.core.consensus.raft.ConfState;
import org.quorumee.core.consensus.raft.Entry;
import org.quorumee.core.consensus.raft.HardState;
import org.quorumee.core.consensus.raft.InitialState;
import org.quorumee.core.consensus.raft.Snapshot;
import org.quorumee.core.consensus.raft.WritableRaftStorage;
import org.quorumee.jpa.consensus.RaftLogRepository;

/**
 * {@link JpaRaftStorage} with each call in its own resource-local transaction and entity manager,
 * as the container gives one per call outside the driver's transaction: what one call wrote, the
 * next reads from the database.
 */
final class TransactionalRaftStorage implements WritableRaftStorage {
    private final EntityManagerFactory emf;

    TransactionalRaftStorage(EntityManagerFactory emf) {
        this.emf = emf;
    }

    private <T> T inTransaction(Function<JpaRaftStorage, T> work) {
        EntityManager em = emf.createEntityManager();
        try {
            em.getTransaction().begin();
            T result = work.apply(new JpaRaftStorage(new RaftLogRepository(em)));
            em.getTransaction().commit();
            return result;
        } finally {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            em.close();
        }
    }

    private void run(java.util.function.Consumer<JpaRaftStorage> work) {
        inTransaction(s -> {
            work.accept(s);
            return null;
        });
    }

    @Override
    public InitialState initialState() {
        return inTransaction(JpaRaftStorage::initialState);
    }

    @Override
    public List<Entry> entries(long lo, long hi, long maxBytes) {
        return inTransaction(s -> s.entries(lo, hi, maxBytes));
    }

    @Override
    public long term(long index) {
        return inTransaction(s -> s.term(index));
    }

    @Override
    public long firstIndex() {
        return inTransaction(JpaRaftStorage::firstIndex);
    }

    @Override
    public long lastIndex() {
        return inTransaction(JpaRaftStorage::lastIndex);
    }

    @Override
    public Snapshot snapshot() {
        return inTransaction(JpaRaftStorage::snapshot);
    }

    @Override
    public void append(List<Entry> entries) {
        run(s -> s.append(entries));
    }

    @Override
    public void setHardState(HardState state) {
        run(s -> s.setHardState(state));
    }

    @Override
    public void applySnapshot(Snapshot snapshot) {
        run(s -> s.applySnapshot(snapshot));
    }

    @Override
    public Snapshot createSnapshot(long index, ConfState confState, byte[] data) {
        return inTransaction(s -> s.createSnapshot(index, confState, data));
    }

    @Override
    public void compact(long index) {
        run(s -> s.compact(index));
    }
}
