package org.quorumee.core.consensus.ibft.extra;

/** A header's {@code extraData} is not in the IBFT or QBFT layout that was expected. */
public final class InvalidExtraDataException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidExtraDataException(String message) {
        super(message);
    }

    public InvalidExtraDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
