package org.quorumee.core.consensus.raft;

/**
 * Volatile state worth reporting but never persisted: the leader this node knows of (0 for none)
 * and its own role.
 */
public record SoftState(long leader, Role role) {
    public SoftState {
        if (leader < 0 || role == null) {
            throw new IllegalArgumentException("a soft state has a leader id (0 for none) and a role");
        }
    }
}
