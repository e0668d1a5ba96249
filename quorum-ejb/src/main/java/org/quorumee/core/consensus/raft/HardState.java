package org.quorumee.core.consensus.raft;

/**
 * What a node must persist before it sends anything that depends on it: its current term, whom it
 * voted for in that term (0 for nobody) and the highest index it knows to be committed.
 */
public record HardState(long term, long vote, long commit) {
    /** The state of a node that has never run. */
    public static final HardState EMPTY = new HardState(0, 0, 0);

    public HardState {
        if (term < 0 || vote < 0 || commit < 0) {
            throw new IllegalArgumentException("hard state values are unsigned: " + term + ", " + vote + ", " + commit);
        }
    }

    public boolean isEmpty() {
        return equals(EMPTY);
    }
}
