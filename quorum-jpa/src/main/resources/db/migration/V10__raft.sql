-- GoQuorum-style Raft consensus: the replicated log, the hard state, the latest snapshot and the
-- index up to which the node applied committed entries. Portable SQL: runs unchanged on
-- PostgreSQL and H2.

-- The log. Its lowest row is the compaction point (0@0 until the first compaction or snapshot): its
-- index and term answer for the entry just before the first one held, its data is never handed
-- out. No rows: nothing was ever stored.
CREATE TABLE raft_log_entry (
    entry_index       BIGINT       NOT NULL PRIMARY KEY,
    term              BIGINT       NOT NULL,
    -- 0: normal (a block, or empty), 1: membership change
    entry_type        INTEGER      NOT NULL,
    data              BYTEA        NOT NULL
);

-- Term, vote and commit index: one row, written before any message that depends on it is sent.
CREATE TABLE raft_hard_state (
    id                INTEGER      NOT NULL PRIMARY KEY,
    term              BIGINT       NOT NULL,
    vote              BIGINT       NOT NULL,
    commit_index      BIGINT       NOT NULL,
    CONSTRAINT raft_hard_state_single_row CHECK (id = 1)
);

-- The latest snapshot: one row. membership is the encoded voters and learners; data is the
-- application's (members' addresses, removed raft ids, head block hash).
CREATE TABLE raft_snapshot (
    id                INTEGER      NOT NULL PRIMARY KEY,
    snapshot_index    BIGINT       NOT NULL,
    snapshot_term     BIGINT       NOT NULL,
    membership        BYTEA        NOT NULL,
    data              BYTEA        NOT NULL,
    CONSTRAINT raft_snapshot_single_row CHECK (id = 1)
);

-- The last log index whose entry the node applied, written in the same transaction as what
-- applying it changed (a block import), so that a crash never applies an entry twice.
CREATE TABLE raft_applied_index (
    id                INTEGER      NOT NULL PRIMARY KEY,
    applied_index     BIGINT       NOT NULL,
    CONSTRAINT raft_applied_index_single_row CHECK (id = 1)
);
