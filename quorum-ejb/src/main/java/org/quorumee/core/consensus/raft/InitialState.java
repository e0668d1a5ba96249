package org.quorumee.core.consensus.raft;

/** What a node reads from storage when it starts: its hard state and the membership of its snapshot. */
public record InitialState(HardState hardState, ConfState confState) {
    public InitialState {
        if (hardState == null || confState == null) {
            throw new IllegalArgumentException("an initial state has a hard state and a membership");
        }
    }
}
