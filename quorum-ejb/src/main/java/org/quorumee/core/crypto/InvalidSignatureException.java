package org.quorumee.core.crypto;

/** A signature that is out of range, not canonical, or from which no public key can be recovered. */
public class InvalidSignatureException extends RuntimeException {
    public InvalidSignatureException(String message) {
        super(message);
    }
}
