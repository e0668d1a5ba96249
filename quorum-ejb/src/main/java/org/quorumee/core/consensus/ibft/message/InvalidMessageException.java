package org.quorumee.core.consensus.ibft.message;

/** A consensus message that cannot be read: malformed RLP, an unknown code, or a bad signature. */
public final class InvalidMessageException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidMessageException(String message) {
        super(message);
    }

    public InvalidMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
