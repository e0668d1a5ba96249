package org.quorumee.core.evm.precompile.bn254;

/** Input bytes that do not encode a point of the group they claim to be in. */
public final class InvalidPointException extends Exception {
    private static final long serialVersionUID = 1L;

    public InvalidPointException(String message) {
        super(message);
    }
}
