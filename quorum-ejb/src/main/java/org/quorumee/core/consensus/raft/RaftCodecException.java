package org.quorumee.core.consensus.raft;

/** Bytes that are not a well-formed Raft value of the format this node reads. */
public class RaftCodecException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public RaftCodecException(String message) {
        super(message);
    }

    public RaftCodecException(String message, Throwable cause) {
        super(message, cause);
    }
}
