package org.quorumee.core.trace;

/** A trace grew past the output bound it was given; the traced execution stopped there. */
public final class TraceTooLargeException extends RuntimeException {
    private final long limitBytes;

    public TraceTooLargeException(long limitBytes) {
        super("trace larger than " + limitBytes + " bytes", null, false, false);
        this.limitBytes = limitBytes;
    }

    public long limitBytes() {
        return limitBytes;
    }
}
