-- The finalised chain, its receipts and logs, and the public world state.
-- Consensus (single node, Raft, IBFT) finalises before import, so only the canonical chain is
-- stored and a block is identified by its number. Portable SQL: runs unchanged on PostgreSQL and H2.

CREATE TABLE block (
    number            BIGINT       NOT NULL PRIMARY KEY,
    hash              BYTEA        NOT NULL,
    parent_hash       BYTEA        NOT NULL,
    header_rlp        BYTEA        NOT NULL,
    -- Quorum: the private state root after this block, recorded beside the public one (null until
    -- private transactions are executed here).
    private_state_root BYTEA,
    timestamp_seconds BIGINT       NOT NULL,
    gas_used          BIGINT       NOT NULL,
    transaction_count INTEGER      NOT NULL,
    CONSTRAINT block_hash_unique UNIQUE (hash)
);

CREATE TABLE chain_transaction (
    hash              BYTEA        NOT NULL PRIMARY KEY,
    block_number      BIGINT       NOT NULL REFERENCES block (number),
    transaction_index INTEGER      NOT NULL,
    -- the canonical encoding (typed envelope for typed transactions)
    raw               BYTEA        NOT NULL,
    sender            BYTEA        NOT NULL,
    recipient         BYTEA,
    CONSTRAINT chain_transaction_position UNIQUE (block_number, transaction_index)
);

CREATE TABLE receipt (
    transaction_hash  BYTEA        NOT NULL PRIMARY KEY REFERENCES chain_transaction (hash),
    block_number      BIGINT       NOT NULL,
    transaction_index INTEGER      NOT NULL,
    -- the consensus encoding (typed envelope for typed receipts)
    receipt_rlp       BYTEA        NOT NULL,
    gas_used          BIGINT       NOT NULL,
    -- the block-wide index of the transaction's first log (receipts report each log's index)
    first_log_index   INTEGER      NOT NULL,
    contract_address  BYTEA,
    revert_reason     BYTEA
);

-- One row per log, so that eth_getLogs by address and topics over a block range is a query.
CREATE TABLE log_entry (
    block_number      BIGINT       NOT NULL,
    log_index         INTEGER      NOT NULL,
    transaction_index INTEGER      NOT NULL,
    transaction_hash  BYTEA        NOT NULL,
    address           BYTEA        NOT NULL,
    topic0            BYTEA,
    topic1            BYTEA,
    topic2            BYTEA,
    topic3            BYTEA,
    data              BYTEA        NOT NULL,
    PRIMARY KEY (block_number, log_index)
);
CREATE INDEX log_entry_address ON log_entry (address, block_number);
CREATE INDEX log_entry_topic0 ON log_entry (topic0, block_number);
CREATE INDEX log_entry_topic1 ON log_entry (topic1, block_number);
CREATE INDEX log_entry_topic2 ON log_entry (topic2, block_number);
CREATE INDEX log_entry_topic3 ON log_entry (topic3, block_number);

-- Public world state: trie nodes and contract code, addressed by the Keccak-256 of their content
-- (the core keeps both in one content-addressed node store). Rows are only inserted, never updated.
CREATE TABLE state_node (
    hash              BYTEA        NOT NULL PRIMARY KEY,
    encoded           BYTEA        NOT NULL
);

-- The head of the stored chain and the genesis it grew from: one row.
CREATE TABLE chain_head (
    id                INTEGER      NOT NULL PRIMARY KEY,
    genesis_hash      BYTEA        NOT NULL,
    head_number       BIGINT       NOT NULL,
    head_hash         BYTEA        NOT NULL,
    CONSTRAINT chain_head_single_row CHECK (id = 1)
);
