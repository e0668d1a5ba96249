package org.quorumee.core.consensus.raft;

/** A Raft block header whose extraData is not a well-formed seal. */
public class InvalidRaftSealException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidRaftSealException(String message) {
        super(message);
    }

    public InvalidRaftSealException(String message, Throwable cause) {
        super(message, cause);
    }
}
