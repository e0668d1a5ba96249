-- Quorum's private side of the chain, as this node sees it: the private state of the contracts it is
-- a party to, and the receipts of the private transactions it executed as a party. Kept apart from
-- what every node shares, so it can be backed up, purged or inspected on its own. The private state
-- root after each block is block.private_state_root. Portable SQL: runs unchanged on PostgreSQL and H2.

-- Private state: trie nodes and contract code by the Keccak-256 of their content; insert-only.
CREATE TABLE private_state_node (
    hash              BYTEA        NOT NULL PRIMARY KEY,
    encoded           BYTEA        NOT NULL
);

-- The private receipt of a private transaction this node is a party to (at a non-party, only the
-- public receipt exists). Its logs are inside the receipt's encoding.
CREATE TABLE private_receipt (
    transaction_hash  BYTEA        NOT NULL PRIMARY KEY REFERENCES chain_transaction (hash),
    block_number      BIGINT       NOT NULL,
    transaction_index INTEGER      NOT NULL,
    receipt_rlp       BYTEA        NOT NULL,
    first_log_index   INTEGER      NOT NULL,
    contract_address  BYTEA,
    revert_reason     BYTEA
);
CREATE INDEX private_receipt_block ON private_receipt (block_number);
