-- The node's identity: one row, written at first start.
-- Portable SQL: runs unchanged on PostgreSQL and H2.
CREATE TABLE node_identity (
    id          INTEGER      NOT NULL PRIMARY KEY,
    node_name   VARCHAR(64)  NOT NULL,
    enode_id    BYTEA        NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT node_identity_single_row CHECK (id = 1)
);
