package org.quorumee.jpa.privacy;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A private payload this node is a party to, stored by its 64-byte hash as its encoded bytes (cipher
 * text, nonces, sealed master keys, public keys): nothing here is plaintext.
 */
@Entity
@Table(name = "encrypted_transaction")
public class EncryptedTransactionRecord {
    /** Tessera's LEGACY binary encoding. */
    public static final short CODEC_LEGACY = 0;

    @Id
    @Column(name = "hash")
    private byte[] hash;

    @Column(name = "encoded_payload", nullable = false)
    private byte[] encodedPayload;

    @Column(name = "codec", nullable = false)
    private short codec;

    @Column(name = "stored_at", nullable = false)
    private Instant storedAt;

    protected EncryptedTransactionRecord() {
    }

    public EncryptedTransactionRecord(byte[] hash, byte[] encodedPayload, short codec, Instant storedAt) {
        this.hash = hash.clone();
        this.encodedPayload = encodedPayload.clone();
        this.codec = codec;
        this.storedAt = storedAt;
    }

    public byte[] getHash() {
        return hash.clone();
    }

    public byte[] getEncodedPayload() {
        return encodedPayload.clone();
    }

    /** Replaces the encoded payload (a recipient box merged in); the hash never changes. */
    public void setEncodedPayload(byte[] encodedPayload) {
        this.encodedPayload = encodedPayload.clone();
    }

    public short getCodec() {
        return codec;
    }

    public Instant getStoredAt() {
        return storedAt;
    }
}
