package org.quorumee.core.consensus.raft;

import java.util.ArrayList;
import java.util.List;

/**
 * The part of the log not yet persisted: an incoming snapshot and/or entries from {@code offset}
 * on. Once the driver reports them persisted ({@link RaftNode#advance}), they leave this buffer
 * and are read back from storage.
 */
final class UnstableLog {
    /** A snapshot received from the leader, not yet persisted; null when none. */
    Snapshot snapshot;
    /** entries.get(i) has index offset + i. */
    final ArrayList<Entry> entries = new ArrayList<>();
    long offset;

    UnstableLog(long offset) {
        this.offset = offset;
    }

    /** The first index of the log if a pending snapshot defines it, else -1. */
    long maybeFirstIndex() {
        return snapshot != null ? snapshot.index() + 1 : -1;
    }

    /** The last index of the log if this buffer defines it, else -1. */
    long maybeLastIndex() {
        if (!entries.isEmpty()) {
            return offset + entries.size() - 1;
        }
        return snapshot != null ? snapshot.index() : -1;
    }

    /** The term of entry {@code i} if this buffer knows it, else -1. */
    long maybeTerm(long i) {
        if (i < offset) {
            return snapshot != null && snapshot.index() == i ? snapshot.term() : -1;
        }
        long last = maybeLastIndex();
        if (last < 0 || i > last) {
            return -1;
        }
        return entries.get((int) (i - offset)).term();
    }

    /** Entries up to (i, t) were persisted: drop them, unless a later append replaced entry i. */
    void stableTo(long i, long t) {
        long gt = maybeTerm(i);
        if (gt == t && i >= offset) {
            entries.subList(0, (int) (i + 1 - offset)).clear();
            offset = i + 1;
        }
    }

    void stableSnapTo(long i) {
        if (snapshot != null && snapshot.index() == i) {
            snapshot = null;
        }
    }

    void restore(Snapshot s) {
        offset = s.index() + 1;
        entries.clear();
        snapshot = s;
    }

    void truncateAndAppend(List<Entry> ents) {
        long after = ents.get(0).index();
        if (after == offset + entries.size()) {
            entries.addAll(ents);
        } else if (after <= offset) {
            // replace the whole buffer: the new entries start at or before it
            offset = after;
            entries.clear();
            entries.addAll(ents);
        } else {
            entries.subList((int) (after - offset), entries.size()).clear();
            entries.addAll(ents);
        }
    }

    /** Entries [lo, hi), which must lie within this buffer. */
    List<Entry> slice(long lo, long hi) {
        if (lo > hi || lo < offset || hi > offset + entries.size()) {
            throw new IllegalStateException("unstable slice [" + lo + ", " + hi + ") outside [" + offset + ", "
                    + (offset + entries.size()) + "]");
        }
        return new ArrayList<>(entries.subList((int) (lo - offset), (int) (hi - offset)));
    }
}
