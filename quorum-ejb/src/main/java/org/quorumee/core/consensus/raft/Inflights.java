package org.quorumee.core.consensus.raft;

/**
 * The appends sent to one follower in replicate state and not yet acknowledged, by the last index
 * each carried: a ring buffer of at most {@code capacity}. When it is full, the leader sends no more
 * entries to that follower until acknowledgements free it (flow control).
 */
final class Inflights {
    private final long[] buffer;
    private int start;
    private int count;

    Inflights(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("the inflight limit is at least 1, not " + capacity);
        }
        buffer = new long[capacity];
    }

    void add(long lastIndex) {
        if (full()) {
            throw new IllegalStateException("cannot add into a full inflights buffer");
        }
        buffer[(start + count) % buffer.length] = lastIndex;
        count++;
    }

    /** Frees every append whose last index is at most {@code to}. */
    void freeLE(long to) {
        while (count > 0 && buffer[start] <= to) {
            start = (start + 1) % buffer.length;
            count--;
        }
        if (count == 0) {
            start = 0;
        }
    }

    /** Frees the oldest append. */
    void freeFirstOne() {
        if (count > 0) {
            freeLE(buffer[start]);
        }
    }

    boolean full() {
        return count == buffer.length;
    }

    int count() {
        return count;
    }

    void reset() {
        start = 0;
        count = 0;
    }
}
