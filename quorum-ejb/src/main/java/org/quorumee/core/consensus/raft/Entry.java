package org.quorumee.core.consensus.raft;

import java.util.Arrays;

/**
 * One entry of the replicated log: its position, the term of the leader that created it, its kind
 * and its data. Immutable (the data is copied in and out).
 *
 * @param index position in the log, from 1 (0 only while a proposal has no position yet)
 * @param term  term of the leader that appended it (0 only while a proposal has no term yet)
 */
public record Entry(long index, long term, EntryType type, byte[] data) {

    public Entry {
        if (index < 0 || term < 0) {
            throw new IllegalArgumentException("index and term are unsigned: " + index + ", " + term);
        }
        if (type == null || data == null) {
            throw new IllegalArgumentException("an entry has a type and data (maybe empty)");
        }
        data = data.clone();
    }

    /** A normal entry not yet placed in the log (a proposal). */
    static Entry proposal(byte[] data) {
        return new Entry(0, 0, EntryType.NORMAL, data);
    }

    /** This entry placed at {@code index} in {@code term}. */
    Entry at(long newIndex, long newTerm) {
        return new Entry(newIndex, newTerm, type, data);
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    /** Length of the data, without copying it. */
    public int dataLength() {
        return data.length;
    }

    /** Bytes counted against message and Ready size limits (data plus a fixed overhead). */
    public long byteSize() {
        return data.length + 24L;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Entry e && e.index == index && e.term == term && e.type == type && Arrays.equals(e.data, data);
    }

    @Override
    public int hashCode() {
        return (Long.hashCode(index) * 31 + Long.hashCode(term)) * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "Entry[" + index + "@" + term + " " + type + " " + data.length + " bytes]";
    }
}
