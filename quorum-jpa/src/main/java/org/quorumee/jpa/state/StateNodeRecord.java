package org.quorumee.jpa.state;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A node of the public state (a trie node, or a contract's code), stored under the Keccak-256 of its
 * content; never updated.
 */
@Entity
@Table(name = "state_node")
public class StateNodeRecord {
    @Id
    @Column(name = "hash")
    private byte[] hash;

    @Column(name = "encoded", nullable = false)
    private byte[] encoded;

    protected StateNodeRecord() {
    }

    public StateNodeRecord(byte[] hash, byte[] encoded) {
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
