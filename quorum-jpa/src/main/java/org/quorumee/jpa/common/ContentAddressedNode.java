package org.quorumee.jpa.common;

import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;

/**
 * A trie node or a contract's code, stored under the Keccak-256 of its content; never updated. The
 * public state and a node's private state each keep theirs in a table of their own.
 */
@MappedSuperclass
public abstract class ContentAddressedNode {
    @Id
    @Column(name = "hash")
    private byte[] hash;

    @Column(name = "encoded", nullable = false)
    private byte[] encoded;

    protected ContentAddressedNode() {
    }

    protected ContentAddressedNode(byte[] hash, byte[] encoded) {
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
