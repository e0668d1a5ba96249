package org.quorumee.core.consensus.raft;

import java.util.Arrays;

/**
 * The application's state up to and including log entry {@code index}: the membership at that
 * point and opaque application data (for GoQuorum's Raft: the peers' addresses, the removed raft
 * ids and the head block hash). It replaces the log up to {@code index}.
 *
 * @param index index of the last entry the snapshot covers (0: no snapshot)
 * @param term  term of that entry
 */
public record Snapshot(long index, long term, ConfState confState, byte[] data) {
    /** No snapshot. */
    public static final Snapshot EMPTY = new Snapshot(0, 0, ConfState.EMPTY, new byte[0]);

    public Snapshot {
        if (index < 0 || term < 0) {
            throw new IllegalArgumentException("index and term are unsigned: " + index + ", " + term);
        }
        if (confState == null || data == null) {
            throw new IllegalArgumentException("a snapshot has a membership and data (maybe empty)");
        }
        data = data.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    public boolean isEmpty() {
        return index == 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Snapshot s && s.index == index && s.term == term && s.confState.equals(confState)
                && Arrays.equals(s.data, data);
    }

    @Override
    public int hashCode() {
        return (Long.hashCode(index) * 31 + Long.hashCode(term)) * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "Snapshot[" + index + "@" + term + " " + confState + ", " + data.length + " bytes]";
    }
}
