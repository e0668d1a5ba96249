package org.quorumee.core.rlp;

/** Input that is not canonical RLP, or not of the shape the reader expected. */
public class RlpException extends RuntimeException {
    public RlpException(String message) {
        super(message);
    }
}
