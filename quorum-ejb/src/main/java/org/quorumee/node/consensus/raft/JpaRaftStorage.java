package org.quorumee.node.consensus.raft;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.quorumee.core.consensus.raft.ConfState;
import org.quorumee.core.consensus.raft.Entry;
import org.quorumee.core.consensus.raft.EntryType;
import org.quorumee.core.consensus.raft.HardState;
import org.quorumee.core.consensus.raft.InitialState;
import org.quorumee.core.consensus.raft.LogCompactedException;
import org.quorumee.core.consensus.raft.LogUnavailableException;
import org.quorumee.core.consensus.raft.RaftCodec;
import org.quorumee.core.consensus.raft.Snapshot;
import org.quorumee.core.consensus.raft.WritableRaftStorage;
import org.quorumee.jpa.consensus.RaftLogEntryRecord;
import org.quorumee.jpa.consensus.RaftLogRepository;
import org.quorumee.jpa.consensus.RaftSnapshotRecord;

/**
 * The Raft node's storage in the database, through {@link RaftLogRepository}: reads and writes go
 * to the tables of {@code V10__raft.sql} in the caller's transaction, nothing is cached, so a
 * rolled-back transaction leaves nothing behind here. Writes need a transaction; reads do not.
 * Behaves exactly as {@link org.quorumee.core.consensus.raft.MemoryRaftStorage} (one contract test).
 */
public final class JpaRaftStorage implements WritableRaftStorage {
    /** Rows read per query when a range is read. */
    private static final int PAGE = 64;

    private final RaftLogRepository repository;

    public JpaRaftStorage(RaftLogRepository repository) {
        this.repository = repository;
    }

    /** The index the application applied (0 when never written); see {@link #saveAppliedIndex}. */
    public long appliedIndex() {
        return repository.appliedIndex();
    }

    /** Records the applied index, in the transaction of what applying the entry changed. */
    public void saveAppliedIndex(long index) {
        repository.saveAppliedIndex(index);
    }

    /**
     * Records {@code index} as the applied index unless a later one is recorded already (committed
     * before this transaction read it). The Raft applier commits each index it applied before the
     * driver can see it, so a snapshot the driver records at an index it saw never takes it back.
     */
    public void raiseAppliedIndex(long index) {
        if (index > repository.appliedIndex()) {
            repository.saveAppliedIndex(index);
        }
    }

    @Override
    public InitialState initialState() {
        HardState hardState = repository.hardState()
                .map(h -> new HardState(h.getTerm(), h.getVote(), h.getCommitIndex()))
                .orElse(HardState.EMPTY);
        return new InitialState(hardState, snapshot().confState());
    }

    /** The compaction point's index: the lowest row, 0 when the log has none. */
    private long offset() {
        OptionalLong lowest = repository.lowestIndex();
        return lowest.isPresent() ? lowest.getAsLong() : 0;
    }

    @Override
    public List<Entry> entries(long lo, long hi, long maxBytes) {
        long offset = offset();
        if (lo <= offset) {
            throw new LogCompactedException(lo, offset + 1);
        }
        long last = lastIndex();
        if (hi > last + 1) {
            throw new LogUnavailableException(hi - 1, last);
        }
        List<Entry> out = new ArrayList<>();
        if (lo >= hi) {
            return out;
        }
        long size = 0;
        long next = lo;
        while (next < hi) {
            // in pages, so that a size limit never loads the whole range
            List<RaftLogEntryRecord> page = repository.entries(next, hi, (int) Math.min(PAGE, hi - next));
            for (RaftLogEntryRecord row : page) {
                Entry e = toEntry(row);
                size += e.byteSize();
                if (!out.isEmpty() && size > maxBytes) {
                    return out;
                }
                out.add(e);
            }
            if (page.isEmpty()) {
                throw new IllegalStateException("raft log rows missing from " + next + " below " + hi);
            }
            next = page.get(page.size() - 1).getIndex() + 1;
        }
        return out;
    }

    @Override
    public long term(long index) {
        OptionalLong lowest = repository.lowestIndex();
        if (lowest.isEmpty()) {
            if (index == 0) {
                return 0;
            }
            if (index < 0) {
                throw new LogCompactedException(index, 1);
            }
            throw new LogUnavailableException(index, 0);
        }
        long offset = lowest.getAsLong();
        if (index < offset) {
            throw new LogCompactedException(index, offset + 1);
        }
        return repository.entry(index).map(RaftLogEntryRecord::getTerm)
                .orElseThrow(() -> new LogUnavailableException(index, lastIndex()));
    }

    @Override
    public long firstIndex() {
        return offset() + 1;
    }

    @Override
    public long lastIndex() {
        OptionalLong highest = repository.highestIndex();
        return highest.isPresent() ? highest.getAsLong() : 0;
    }

    @Override
    public Snapshot snapshot() {
        return repository.snapshot().map(JpaRaftStorage::toSnapshot).orElse(Snapshot.EMPTY);
    }

    @Override
    public void append(List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        long first = firstIndex();
        long start = entries.get(0).index();
        long last = start + entries.size() - 1;
        if (last < first) {
            return;
        }
        List<Entry> kept = first > start ? entries.subList((int) (first - start), entries.size()) : entries;
        long lastHeld = lastIndex();
        if (kept.get(0).index() > lastHeld + 1) {
            throw new IllegalStateException("appending at " + kept.get(0).index() + " leaves a gap after " + lastHeld);
        }
        List<RaftLogEntryRecord> rows = new ArrayList<>(kept.size() + 1);
        if (repository.lowestIndex().isEmpty()) {
            // the first rows ever: below them goes the compaction point of an untouched log, 0@0
            rows.add(new RaftLogEntryRecord(0, 0, EntryType.NORMAL.ordinal(), new byte[0]));
        }
        for (Entry e : kept) {
            rows.add(new RaftLogEntryRecord(e.index(), e.term(), e.type().ordinal(), e.data()));
        }
        repository.write(rows);
    }

    @Override
    public void setHardState(HardState state) {
        repository.saveHardState(state.term(), state.vote(), state.commit());
    }

    @Override
    public void applySnapshot(Snapshot snapshot) {
        long held = snapshot().index();
        if (snapshot.index() <= held) {
            throw new IllegalStateException("snapshot at " + snapshot.index() + " is not newer than the one held at " + held);
        }
        repository.saveSnapshot(snapshot.index(), snapshot.term(), RaftCodec.encodeConfState(snapshot.confState()),
                snapshot.data());
        repository.replaceAllBy(new RaftLogEntryRecord(snapshot.index(), snapshot.term(), EntryType.NORMAL.ordinal(),
                new byte[0]));
    }

    @Override
    public Snapshot createSnapshot(long index, ConfState confState, byte[] data) {
        long held = snapshot().index();
        if (index <= held) {
            throw new IllegalStateException("snapshot at " + index + " is not newer than the one held at " + held);
        }
        Snapshot snapshot = new Snapshot(index, term(index), confState, data);
        repository.saveSnapshot(index, snapshot.term(), RaftCodec.encodeConfState(confState), data);
        return snapshot;
    }

    @Override
    public void compact(long index) {
        long offset = offset();
        if (index <= offset) {
            return;
        }
        long covered = snapshot().index();
        if (index > covered) {
            throw new IllegalArgumentException("cannot compact to " + index + ": the snapshot covers only up to " + covered);
        }
        // the row at index stays, as the new compaction point
        repository.deleteBelow(index);
    }

    private static Entry toEntry(RaftLogEntryRecord row) {
        EntryType[] types = EntryType.values();
        if (row.getType() < 0 || row.getType() >= types.length) {
            throw new IllegalStateException("raft log entry " + row.getIndex() + " has unknown type " + row.getType());
        }
        return new Entry(row.getIndex(), row.getTerm(), types[row.getType()], row.getData());
    }

    private static Snapshot toSnapshot(RaftSnapshotRecord row) {
        return new Snapshot(row.getIndex(), row.getTerm(), RaftCodec.decodeConfState(row.getMembership()), row.getData());
    }
}
