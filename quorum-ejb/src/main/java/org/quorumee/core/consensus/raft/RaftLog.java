package org.quorumee.core.consensus.raft;

import java.util.ArrayList;
import java.util.List;

/**
 * A node's view of the log: what storage holds, followed by what is not yet persisted, with the
 * commit and applied indexes. The invariant {@code applied <= committed <= lastIndex()} holds.
 */
final class RaftLog {
    final RaftStorage storage;
    final UnstableLog unstable;
    long committed;
    long applied;

    RaftLog(RaftStorage storage) {
        this.storage = storage;
        long first = storage.firstIndex();
        long last = storage.lastIndex();
        this.unstable = new UnstableLog(last + 1);
        this.committed = first - 1;
        this.applied = first - 1;
    }

    long firstIndex() {
        long i = unstable.maybeFirstIndex();
        return i >= 0 ? i : storage.firstIndex();
    }

    long lastIndex() {
        long i = unstable.maybeLastIndex();
        return i >= 0 ? i : storage.lastIndex();
    }

    /**
     * The term of entry {@code i}: 0 beyond the end of the log.
     *
     * @throws LogCompactedException below the compaction point
     */
    long term(long i) {
        long dummy = firstIndex() - 1;
        if (i < dummy) {
            throw new LogCompactedException(i, dummy + 1);
        }
        if (i > lastIndex()) {
            return 0;
        }
        long t = unstable.maybeTerm(i);
        if (t >= 0) {
            return t;
        }
        return storage.term(i);
    }

    /** The term of entry {@code i}, 0 when it is compacted or beyond the end. */
    long termOrZero(long i) {
        try {
            return term(i);
        } catch (LogCompactedException e) {
            return 0;
        }
    }

    long lastTerm() {
        return term(lastIndex());
    }

    boolean matchTerm(long i, long t) {
        return termOrZero(i) == t;
    }

    /** Whether a log ending at (lastIndex, lastTerm) is at least as up to date as this one. */
    boolean isUpToDate(long lastIndex, long lastTerm) {
        long ours = lastTerm();
        return lastTerm > ours || (lastTerm == ours && lastIndex >= lastIndex());
    }

    /**
     * Appends a leader's entries that follow (index, logTerm) if this log holds that entry; moves
     * the commit index up to {@code leaderCommit} (within what was received).
     *
     * @return the index of the last new entry, or -1 when the logs do not match at {@code index}
     */
    long maybeAppend(long index, long logTerm, long leaderCommit, List<Entry> ents) {
        if (!matchTerm(index, logTerm)) {
            return -1;
        }
        long lastNew = index + ents.size();
        long conflict = findConflict(ents);
        if (conflict != 0) {
            if (conflict <= committed) {
                throw new IllegalStateException("entry " + conflict + " conflicts with committed entry (committed "
                        + committed + ")");
            }
            append(ents.subList((int) (conflict - (index + 1)), ents.size()));
        }
        commitTo(Math.min(leaderCommit, lastNew));
        return lastNew;
    }

    long append(List<Entry> ents) {
        if (ents.isEmpty()) {
            return lastIndex();
        }
        long after = ents.get(0).index() - 1;
        if (after < committed) {
            throw new IllegalStateException("appending after " + after + " would overwrite committed entries up to " + committed);
        }
        unstable.truncateAndAppend(ents);
        return lastIndex();
    }

    /**
     * The index of the first entry that is new or disagrees with this log (0 when all are already
     * here). The entries must be consecutive.
     */
    long findConflict(List<Entry> ents) {
        for (Entry e : ents) {
            if (!matchTerm(e.index(), e.term())) {
                return e.index();
            }
        }
        return 0;
    }

    /**
     * The greatest index at or below {@code index} whose term is at most {@code term}, with that
     * term (0 where unknown): where a log whose entry at {@code index} has {@code term} may match.
     */
    long[] findConflictByTerm(long index, long term) {
        for (; index > 0; index--) {
            long ours;
            try {
                ours = term(index);
            } catch (LogCompactedException e) {
                return new long[] {index, 0};
            }
            if (ours <= term) {
                return new long[] {index, ours};
            }
        }
        return new long[] {0, 0};
    }

    List<Entry> unstableEntries() {
        return new ArrayList<>(unstable.entries);
    }

    /** Committed entries not yet handed out for application, at most {@code maxBytes} (but at least one). */
    List<Entry> nextCommittedEntries(long maxBytes) {
        long off = Math.max(applied + 1, firstIndex());
        if (committed + 1 > off) {
            return slice(off, committed + 1, maxBytes);
        }
        return List.of();
    }

    boolean hasNextCommittedEntries() {
        return committed + 1 > Math.max(applied + 1, firstIndex());
    }

    Snapshot snapshot() {
        return unstable.snapshot != null ? unstable.snapshot : storage.snapshot();
    }

    boolean hasPendingSnapshot() {
        return unstable.snapshot != null;
    }

    void commitTo(long toCommit) {
        if (committed < toCommit) {
            if (lastIndex() < toCommit) {
                throw new IllegalStateException("commit " + toCommit + " is beyond the last index " + lastIndex());
            }
            committed = toCommit;
        }
    }

    void appliedTo(long i) {
        if (i == 0) {
            return;
        }
        if (committed < i || i < applied) {
            throw new IllegalStateException("applied " + i + " is outside [" + applied + ", " + committed + "]");
        }
        applied = i;
    }

    void stableTo(long i, long t) {
        unstable.stableTo(i, t);
    }

    void stableSnapTo(long i) {
        unstable.stableSnapTo(i);
    }

    /** Commits up to {@code maxIndex} if that entry is of {@code term} (a leader commits only its own term's entries by counting). */
    boolean maybeCommit(long maxIndex, long term) {
        if (maxIndex > committed && termOrZero(maxIndex) == term) {
            commitTo(maxIndex);
            return true;
        }
        return false;
    }

    void restore(Snapshot s) {
        committed = s.index();
        unstable.restore(s);
    }

    /**
     * Entries {@code [lo, hi)} of at most {@code maxBytes} (at least one).
     *
     * @throws LogCompactedException when {@code lo} is compacted
     */
    List<Entry> slice(long lo, long hi, long maxBytes) {
        if (lo > hi) {
            throw new IllegalStateException("invalid slice " + lo + " > " + hi);
        }
        long first = firstIndex();
        if (lo < first) {
            throw new LogCompactedException(lo, first);
        }
        if (hi > lastIndex() + 1) {
            throw new IllegalStateException("slice [" + lo + ", " + hi + ") beyond the last index " + lastIndex());
        }
        if (lo == hi) {
            return List.of();
        }
        List<Entry> out = new ArrayList<>();
        if (lo < unstable.offset) {
            List<Entry> stored = storage.entries(lo, Math.min(hi, unstable.offset), maxBytes);
            out.addAll(stored);
            if (stored.size() < Math.min(hi, unstable.offset) - lo) {
                // storage stopped at the size limit
                return out;
            }
        }
        if (hi > unstable.offset) {
            out.addAll(unstable.slice(Math.max(lo, unstable.offset), hi));
        }
        return limitSize(out, maxBytes);
    }

    static List<Entry> limitSize(List<Entry> ents, long maxBytes) {
        if (ents.isEmpty()) {
            return ents;
        }
        long size = ents.get(0).byteSize();
        int limit = 1;
        for (; limit < ents.size(); limit++) {
            size += ents.get(limit).byteSize();
            if (size > maxBytes) {
                break;
            }
        }
        return limit == ents.size() ? ents : new ArrayList<>(ents.subList(0, limit));
    }
}
