package org.quorumee.jpa.privacy;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A payload stored for its sender only ({@code /storeraw}): the cipher text, the master key sealed
 * for the sender, the nonce, and the sender's public key. Nothing here is plaintext.
 */
@Entity
@Table(name = "encrypted_raw_transaction")
public class EncryptedRawTransactionRecord {
    @Id
    @Column(name = "hash")
    private byte[] hash;

    @Column(name = "encrypted_payload", nullable = false)
    private byte[] encryptedPayload;

    @Column(name = "encrypted_key", nullable = false)
    private byte[] encryptedKey;

    @Column(name = "nonce", nullable = false)
    private byte[] nonce;

    @Column(name = "sender", nullable = false)
    private byte[] sender;

    @Column(name = "stored_at", nullable = false)
    private Instant storedAt;

    protected EncryptedRawTransactionRecord() {
    }

    public EncryptedRawTransactionRecord(byte[] hash, byte[] encryptedPayload, byte[] encryptedKey, byte[] nonce,
                                         byte[] sender, Instant storedAt) {
        this.hash = hash.clone();
        this.encryptedPayload = encryptedPayload.clone();
        this.encryptedKey = encryptedKey.clone();
        this.nonce = nonce.clone();
        this.sender = sender.clone();
        this.storedAt = storedAt;
    }

    public byte[] getHash() {
        return hash.clone();
    }

    public byte[] getEncryptedPayload() {
        return encryptedPayload.clone();
    }

    public byte[] getEncryptedKey() {
        return encryptedKey.clone();
    }

    public byte[] getNonce() {
        return nonce.clone();
    }

    public byte[] getSender() {
        return sender.clone();
    }

    public Instant getStoredAt() {
        return storedAt;
    }
}
