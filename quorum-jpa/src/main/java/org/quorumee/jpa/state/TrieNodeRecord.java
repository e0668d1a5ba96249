package org.quorumee.jpa.state;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A node of the public state trie, stored under the Keccak-256 of its encoding; never updated. */
@Entity
@Table(name = "state_trie_node")
public class TrieNodeRecord {
    @Id
    @Column(name = "hash")
    private byte[] hash;

    @Column(name = "encoded", nullable = false)
    private byte[] encoded;

    protected TrieNodeRecord() {
    }

    public TrieNodeRecord(byte[] hash, byte[] encoded) {
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
