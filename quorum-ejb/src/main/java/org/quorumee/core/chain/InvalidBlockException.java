package org.quorumee.core.chain;

/**
 * A block (or header) that must not join the chain: it breaks a header rule against its parent, its
 * body does not match its header, one of its transactions cannot be included, or executing it does
 * not give the roots its header claims. The message names the first rule broken.
 */
public final class InvalidBlockException extends Exception {

    public InvalidBlockException(String message) {
        super(message);
    }

    public InvalidBlockException(String message, Throwable cause) {
        super(message, cause);
    }
}
