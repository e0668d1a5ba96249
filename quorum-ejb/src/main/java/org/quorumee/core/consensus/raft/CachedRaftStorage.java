package org.quorumee.core.consensus.raft;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A write-through cache in front of a persisted Raft log (the database's): the log's bounds, the
 * terms of its entries, the latest snapshot and the newest entries are kept in memory, so that the
 * reads a Raft node makes for every message — a term to match, the entries to send, those to apply —
 * cost no query. etcd keeps its log in memory beside the write-ahead log for the same reason.
 *
 * <p>Every write goes to the delegate first; the cache follows only once the delegate returned, so
 * a write that fails leaves the cache as the delegate still is. Only what is written through this
 * cache (or announced by {@link #snapshotRecorded}) is known to it: nothing else may write the
 * delegate meanwhile. Not thread-safe (the Raft driver's thread owns it).
 */
public final class CachedRaftStorage implements WritableRaftStorage {
    /** Newest entries kept, by count and by bytes: what followers and the apply step read next. */
    static final int RECENT_ENTRIES = 128;
    static final long RECENT_BYTES = 16L << 20;

    private final WritableRaftStorage delegate;
    /** The compaction point: the entry before the first one held. */
    private long offset;
    private long last;
    private Snapshot snapshot;
    /** Terms by index, from the compaction point up; missing ones are read from the delegate once. */
    private final TreeMap<Long, Long> terms = new TreeMap<>();
    /** The newest entries, a suffix of the log ending at {@link #last} (or empty). */
    private final TreeMap<Long, Entry> recent = new TreeMap<>();
    private long recentBytes;

    public CachedRaftStorage(WritableRaftStorage delegate) {
        this.delegate = delegate;
        this.offset = delegate.firstIndex() - 1;
        this.last = delegate.lastIndex();
        this.snapshot = delegate.snapshot();
    }

    /** The storage behind this cache. */
    public WritableRaftStorage delegate() {
        return delegate;
    }

    @Override
    public InitialState initialState() {
        return delegate.initialState();
    }

    @Override
    public List<Entry> entries(long lo, long hi, long maxBytes) {
        if (lo <= offset) {
            throw new LogCompactedException(lo, offset + 1);
        }
        if (hi > last + 1) {
            throw new LogUnavailableException(hi - 1, last);
        }
        if (lo >= hi) {
            return new ArrayList<>();
        }
        if (recent.isEmpty() || lo < recent.firstKey()) {
            return delegate.entries(lo, hi, maxBytes);
        }
        return RaftLog.limitSize(new ArrayList<>(recent.subMap(lo, hi).values()), maxBytes);
    }

    @Override
    public long term(long index) {
        if (index < offset) {
            throw new LogCompactedException(index, offset + 1);
        }
        if (index > last) {
            throw new LogUnavailableException(index, last);
        }
        Long term = terms.get(index);
        if (term == null) {
            term = delegate.term(index);
            terms.put(index, term);
        }
        return term;
    }

    @Override
    public long firstIndex() {
        return offset + 1;
    }

    @Override
    public long lastIndex() {
        return last;
    }

    @Override
    public Snapshot snapshot() {
        return snapshot;
    }

    @Override
    public void append(List<Entry> entries) {
        delegate.append(entries);
        appended(entries);
    }

    @Override
    public void setHardState(HardState state) {
        delegate.setHardState(state);
    }

    @Override
    public void applySnapshot(Snapshot incoming) {
        delegate.applySnapshot(incoming);
        snapshotApplied(incoming);
    }

    @Override
    public Snapshot createSnapshot(long index, ConfState confState, byte[] data) {
        Snapshot created = delegate.createSnapshot(index, confState, data);
        snapshot = created;
        return created;
    }

    @Override
    public void compact(long index) {
        delegate.compact(index);
        compacted(index);
    }

    /** What a Ready asks to persist, as the delegate persists it (in one transaction, for a database). */
    @Override
    public void persist(Ready ready) {
        delegate.persist(ready);
        ready.snapshot().ifPresent(this::snapshotApplied);
        if (!ready.entries().isEmpty()) {
            appended(ready.entries());
        }
    }

    /**
     * The delegate recorded {@code recorded} and compacted its log to {@code compactedTo} (0: not
     * compacted) by itself — in one transaction with the application's own records — so the cache
     * follows.
     */
    public void snapshotRecorded(Snapshot recorded, long compactedTo) {
        snapshot = recorded;
        if (compactedTo > 0) {
            compacted(compactedTo);
        }
    }

    private void appended(List<Entry> entries) {
        long start = entries.get(0).index();
        long end = start + entries.size() - 1;
        if (end <= offset) {
            return;
        }
        List<Entry> kept = offset + 1 > start ? entries.subList((int) (offset + 1 - start), entries.size()) : entries;
        long from = kept.get(0).index();
        // a new leader's entries replace everything from their first index on
        terms.tailMap(from, true).clear();
        for (Entry e : recent.tailMap(from, true).values()) {
            recentBytes -= e.byteSize();
        }
        recent.tailMap(from, true).clear();
        for (Entry e : kept) {
            terms.put(e.index(), e.term());
            recent.put(e.index(), e);
            recentBytes += e.byteSize();
        }
        last = kept.get(kept.size() - 1).index();
        while (recent.size() > RECENT_ENTRIES || (recentBytes > RECENT_BYTES && recent.size() > 1)) {
            recentBytes -= recent.pollFirstEntry().getValue().byteSize();
        }
    }

    private void snapshotApplied(Snapshot incoming) {
        snapshot = incoming;
        offset = incoming.index();
        last = incoming.index();
        terms.clear();
        terms.put(incoming.index(), incoming.term());
        recent.clear();
        recentBytes = 0;
    }

    private void compacted(long index) {
        if (index <= offset) {
            return;
        }
        offset = index;
        terms.headMap(index, false).clear();
        Map<Long, Entry> gone = recent.headMap(index, true);
        for (Entry e : gone.values()) {
            recentBytes -= e.byteSize();
        }
        gone.clear();
    }
}
