package org.quorumee.core.chain;

/** A {@code genesis.json} that cannot be read: bad JSON, a bad value, or fork settings that contradict. */
public class InvalidGenesisException extends RuntimeException {
    public InvalidGenesisException(String message) {
        super(message);
    }

    public InvalidGenesisException(String message, Throwable cause) {
        super(message, cause);
    }
}
