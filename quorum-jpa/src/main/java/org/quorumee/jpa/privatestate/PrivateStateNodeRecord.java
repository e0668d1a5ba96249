package org.quorumee.jpa.privatestate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A node of this node's private state (a trie node, or a private contract's code), stored under the
 * Keccak-256 of its content; never updated.
 */
@Entity
@Table(name = "private_state_node")
public class PrivateStateNodeRecord {
    @Id
    @Column(name = "hash")
    private byte[] hash;

    @Column(name = "encoded", nullable = false)
    private byte[] encoded;

    protected PrivateStateNodeRecord() {
    }

    public PrivateStateNodeRecord(byte[] hash, byte[] encoded) {
        this.hash = hash;
        this.encoded = encoded;
    }

    public byte[] getHash() {
        return hash;
    }

    public byte[] getEncoded() {
        return encoded;
    }
}
