package org.quorumee.core.crypto;

/** A key of the wrong length or outside the curve's range. */
public class InvalidKeyException extends RuntimeException {
    public InvalidKeyException(String message) {
        super(message);
    }
}
