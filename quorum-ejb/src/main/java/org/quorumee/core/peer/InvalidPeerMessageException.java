package org.quorumee.core.peer;

/** Bytes that are not a valid peer message: what is wrong, never a half-built message. */
public class InvalidPeerMessageException extends RuntimeException {
    public InvalidPeerMessageException(String message) {
        super(message);
    }

    public InvalidPeerMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
