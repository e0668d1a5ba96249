-- The transaction manager's store: encrypted payloads only, never plaintext.
-- Portable SQL: runs unchanged on PostgreSQL and H2.

-- Private payloads this node is a party to, by their hash (SHA3-512 of the cipher text, 64 bytes):
-- the encoded payload (Tessera's binary encoding; codec 0 = LEGACY), holding the cipher text, the
-- nonces, the sealed master keys (one box per recipient of ours) and the recipients' public keys.
CREATE TABLE encrypted_transaction (
    hash              BYTEA        NOT NULL PRIMARY KEY,
    encoded_payload   BYTEA        NOT NULL,
    codec             SMALLINT     NOT NULL,
    stored_at         TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Payloads stored for their sender only (/storeraw, external signers) until the signed transaction
-- is sent: the cipher text, the master key sealed for the sender, the nonce, the sender's key.
CREATE TABLE encrypted_raw_transaction (
    hash              BYTEA        NOT NULL PRIMARY KEY,
    encrypted_payload BYTEA        NOT NULL,
    encrypted_key     BYTEA        NOT NULL,
    nonce             BYTEA        NOT NULL,
    sender            BYTEA        NOT NULL,
    stored_at         TIMESTAMP WITH TIME ZONE NOT NULL
);
