package org.quorumee.core.consensus.raft;

import java.util.List;

/**
 * The persisted log as a Raft node reads it. The node never writes: the driver persists what a
 * {@link Ready} hands out (through {@link WritableRaftStorage}) and the node reads it back.
 *
 * <p>The log is a snapshot followed by entries {@code firstIndex() .. lastIndex()}. The entry just
 * before the first one, at {@code firstIndex() - 1} (the compaction point, usually the snapshot's
 * index), is gone but its term is still known. A storage that holds nothing has
 * {@code firstIndex() == 1}, {@code lastIndex() == 0} and term 0 at index 0.
 */
public interface RaftStorage {

    /** The persisted hard state and the membership of the latest snapshot. */
    InitialState initialState();

    /**
     * Entries {@code [lo, hi)}, stopping early once their total size passes {@code maxBytes} but
     * always returning at least the first one.
     *
     * @throws LogCompactedException   when {@code lo < firstIndex()}
     * @throws LogUnavailableException when {@code hi > lastIndex() + 1}
     */
    List<Entry> entries(long lo, long hi, long maxBytes);

    /**
     * The term of entry {@code index}, for {@code firstIndex() - 1 <= index <= lastIndex()}.
     *
     * @throws LogCompactedException   below that range
     * @throws LogUnavailableException above it
     */
    long term(long index);

    /** Index of the first entry still held (the compaction point + 1). */
    long firstIndex();

    /** Index of the last entry held (the compaction point when no entry follows it). */
    long lastIndex();

    /** The latest snapshot ({@link Snapshot#EMPTY} when there is none). */
    Snapshot snapshot();
}
