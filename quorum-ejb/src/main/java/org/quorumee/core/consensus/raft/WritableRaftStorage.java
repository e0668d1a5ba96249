package org.quorumee.core.consensus.raft;

import java.util.List;

/**
 * A {@link RaftStorage} the driver writes: what each {@link Ready} asks to persist, and the
 * snapshots and compactions the application decides on. Every implementation passes the same
 * contract test (in memory and over JPA).
 */
public interface WritableRaftStorage extends RaftStorage {

    /**
     * Appends entries; an entry at an index already held replaces it and everything after it (a
     * new leader overwrote an uncommitted suffix). Entries at or below the compaction point are
     * ignored.
     *
     * @throws IllegalStateException when the entries would leave a gap after {@link #lastIndex()}
     */
    void append(List<Entry> entries);

    void setHardState(HardState state);

    /**
     * Replaces the whole log by a snapshot received from the leader: the log then starts right
     * after it.
     *
     * @throws IllegalStateException when the snapshot is not newer than the one held
     */
    void applySnapshot(Snapshot snapshot);

    /**
     * Records a snapshot of the application at {@code index} (an applied index), made by the
     * application; the log is untouched until {@link #compact}.
     *
     * @throws IllegalStateException    when it is not newer than the snapshot held
     * @throws LogUnavailableException when {@code index > lastIndex()}
     */
    Snapshot createSnapshot(long index, ConfState confState, byte[] data);

    /**
     * Discards the entries up to {@code index}, which becomes the compaction point; nothing happens
     * when it already is or lies below.
     *
     * @throws IllegalArgumentException when {@code index} is above the snapshot's index (what is not
     *                                  covered by a snapshot must stay in the log)
     */
    void compact(long index);

    /** Persists what a Ready hands out: its snapshot, then its entries, then its hard state. */
    default void persist(Ready ready) {
        ready.snapshot().ifPresent(this::applySnapshot);
        if (!ready.entries().isEmpty()) {
            append(ready.entries());
        }
        ready.hardState().ifPresent(this::setHardState);
    }
}
