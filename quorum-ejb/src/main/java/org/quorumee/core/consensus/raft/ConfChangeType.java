package org.quorumee.core.consensus.raft;

/** The membership changes GoQuorum makes through etcd raft. */
public enum ConfChangeType {
    /** Adds a voter; for a node that is already a learner, promotes it. */
    ADD_NODE,
    /** Adds a learner (a node already a voter stays a voter: demotion is not supported). */
    ADD_LEARNER_NODE,
    /** Removes a voter or learner; a removed leader steps down. */
    REMOVE_NODE
}
