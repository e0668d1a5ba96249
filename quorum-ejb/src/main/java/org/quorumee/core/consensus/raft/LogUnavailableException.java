package org.quorumee.core.consensus.raft;

/** The log entry asked for is beyond the end of the stored log. */
public class LogUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LogUnavailableException(long index, long lastIndex) {
        super("log entry " + index + " is not available (the log ends at " + lastIndex + ")");
    }
}
