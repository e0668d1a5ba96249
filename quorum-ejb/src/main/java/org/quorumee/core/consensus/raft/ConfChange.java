package org.quorumee.core.consensus.raft;

import java.util.Arrays;

/**
 * A membership change, proposed with {@link RaftNode#proposeConfChange} and, once committed,
 * applied by the application with {@link RaftNode#applyConfChange}. The context is opaque to Raft:
 * GoQuorum carries the new peer's address there (raft id, node id, host, ports).
 */
public record ConfChange(ConfChangeType type, long nodeId, byte[] context) {

    public ConfChange {
        if (type == null || context == null) {
            throw new IllegalArgumentException("a conf change has a type and a context (maybe empty)");
        }
        if (nodeId <= 0) {
            throw new IllegalArgumentException("node ids are positive, not " + nodeId);
        }
        context = context.clone();
    }

    public ConfChange(ConfChangeType type, long nodeId) {
        this(type, nodeId, new byte[0]);
    }

    @Override
    public byte[] context() {
        return context.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConfChange c && c.type == type && c.nodeId == nodeId && Arrays.equals(c.context, context);
    }

    @Override
    public int hashCode() {
        return (type.hashCode() * 31 + Long.hashCode(nodeId)) * 31 + Arrays.hashCode(context);
    }

    @Override
    public String toString() {
        return "ConfChange[" + type + " " + nodeId + ", context " + context.length + " bytes]";
    }
}
