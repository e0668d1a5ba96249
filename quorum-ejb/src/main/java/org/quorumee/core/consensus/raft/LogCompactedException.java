package org.quorumee.core.consensus.raft;

/** The log entry asked for was discarded by compaction: only a snapshot covers it now. */
public class LogCompactedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LogCompactedException(long index, long firstIndex) {
        super("log entry " + index + " is compacted (the log starts at " + firstIndex + ")");
    }
}
