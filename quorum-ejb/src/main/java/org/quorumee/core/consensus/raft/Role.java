package org.quorumee.core.consensus.raft;

/** A node's role in its current term. */
public enum Role {
    FOLLOWER,
    /** Polling for a pre-vote at term + 1 without having raised its term (pre-vote is on). */
    PRE_CANDIDATE,
    CANDIDATE,
    LEADER
}
