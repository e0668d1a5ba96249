package org.quorumee.core.consensus.raft;

/** What a log entry carries: application data (a block) or a membership change. */
public enum EntryType {
    /** Opaque application data; empty for the entry a new leader appends to commit its term. */
    NORMAL,
    /** An encoded {@link ConfChange} ({@link RaftCodec#encodeConfChange}). */
    CONF_CHANGE
}
