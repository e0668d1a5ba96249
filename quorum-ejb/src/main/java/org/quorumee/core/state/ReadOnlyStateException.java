package org.quorumee.core.state;

import org.quorumee.core.types.Address;

/**
 * A private transaction tried to change the public state (GoQuorum: private contracts may read
 * public ones, never write them). The EVM halts the frame that tried, as it halts a write in a
 * static call.
 */
public final class ReadOnlyStateException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ReadOnlyStateException(Address address) {
        super("a private transaction cannot change public account " + address);
    }

    /** No stack trace: a halted frame, not a bug. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
