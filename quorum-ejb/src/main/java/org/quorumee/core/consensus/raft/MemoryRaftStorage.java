package org.quorumee.core.consensus.raft;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@link WritableRaftStorage} in memory: for tests and the simulation, where it plays the disk
 * that survives a crash. The log is kept as a list whose first element stands for the compaction
 * point (its index and term; its data is never handed out). Not thread-safe.
 */
public final class MemoryRaftStorage implements WritableRaftStorage {
    private HardState hardState = HardState.EMPTY;
    private Snapshot snapshot = Snapshot.EMPTY;
    /** entries.get(0) is the compaction point; the entries held follow it. */
    private final ArrayList<Entry> entries = new ArrayList<>();

    public MemoryRaftStorage() {
        entries.add(new Entry(0, 0, EntryType.NORMAL, new byte[0]));
    }

    @Override
    public InitialState initialState() {
        return new InitialState(hardState, snapshot.confState());
    }

    @Override
    public List<Entry> entries(long lo, long hi, long maxBytes) {
        long offset = offset();
        if (lo <= offset) {
            throw new LogCompactedException(lo, offset + 1);
        }
        if (hi > lastIndex() + 1) {
            throw new LogUnavailableException(hi - 1, lastIndex());
        }
        return RaftLog.limitSize(new ArrayList<>(entries.subList((int) (lo - offset), (int) (hi - offset))), maxBytes);
    }

    @Override
    public long term(long index) {
        long offset = offset();
        if (index < offset) {
            throw new LogCompactedException(index, offset + 1);
        }
        if (index > lastIndex()) {
            throw new LogUnavailableException(index, lastIndex());
        }
        return entries.get((int) (index - offset)).term();
    }

    @Override
    public long firstIndex() {
        return offset() + 1;
    }

    @Override
    public long lastIndex() {
        return offset() + entries.size() - 1;
    }

    @Override
    public Snapshot snapshot() {
        return snapshot;
    }

    @Override
    public void append(List<Entry> toAppend) {
        if (toAppend.isEmpty()) {
            return;
        }
        long first = firstIndex();
        long start = toAppend.get(0).index();
        long last = start + toAppend.size() - 1;
        if (last < first) {
            return;
        }
        List<Entry> kept = first > start ? toAppend.subList((int) (first - start), toAppend.size()) : toAppend;
        long at = kept.get(0).index() - offset();
        if (at > entries.size()) {
            throw new IllegalStateException("appending at " + kept.get(0).index() + " leaves a gap after " + lastIndex());
        }
        entries.subList((int) at, entries.size()).clear();
        entries.addAll(kept);
    }

    @Override
    public void setHardState(HardState state) {
        hardState = state;
    }

    @Override
    public void applySnapshot(Snapshot incoming) {
        if (incoming.index() <= snapshot.index()) {
            throw new IllegalStateException("snapshot at " + incoming.index() + " is not newer than the one held at "
                    + snapshot.index());
        }
        snapshot = incoming;
        entries.clear();
        entries.add(new Entry(incoming.index(), incoming.term(), EntryType.NORMAL, new byte[0]));
    }

    @Override
    public Snapshot createSnapshot(long index, ConfState confState, byte[] data) {
        if (index <= snapshot.index()) {
            throw new IllegalStateException("snapshot at " + index + " is not newer than the one held at " + snapshot.index());
        }
        snapshot = new Snapshot(index, term(index), confState, data);
        return snapshot;
    }

    @Override
    public void compact(long index) {
        long offset = offset();
        if (index <= offset) {
            return;
        }
        if (index > snapshot.index()) {
            throw new IllegalArgumentException("cannot compact to " + index + ": the snapshot covers only up to "
                    + snapshot.index());
        }
        Entry point = entries.get((int) (index - offset));
        entries.subList(0, (int) (index - offset) + 1).clear();
        entries.add(0, new Entry(point.index(), point.term(), EntryType.NORMAL, new byte[0]));
    }

    private long offset() {
        return entries.get(0).index();
    }
}
