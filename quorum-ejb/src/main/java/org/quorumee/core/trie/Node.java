package org.quorumee.core.trie;

import org.quorumee.core.crypto.Keccak;

/**
 * A trie node. Nodes are immutable: a change builds new nodes along the path and shares every
 * untouched subtree, so each node computes its encoding and hash once, and a trie opened at an old
 * root keeps seeing old data. The only mutable state is caches and the {@link #persisted} mark.
 */
abstract sealed class Node permits LeafNode, ExtensionNode, BranchNode, HashNode {
    /** Nodes whose encoding is shorter than this are embedded in their parent, not referenced by hash. */
    static final int HASH_REFERENCE_THRESHOLD = 32;

    private byte[] encoded;
    private byte[] hash;
    private byte[] reference;
    /**
     * Set once the node is in the store, by itself or inside its stored parent. Every node below a
     * persisted node is persisted too, so a commit stops descending at the first one.
     */
    boolean persisted;

    /** Computes the RLP encoding (children by reference). */
    abstract byte[] encode();

    /** The node's RLP encoding, computed once. */
    byte[] encoded() {
        if (encoded == null) {
            encoded = encode();
        }
        return encoded;
    }

    /** Seeds the encoding cache with the bytes the node was decoded from. */
    final void cacheEncoded(byte[] bytes) {
        this.encoded = bytes;
    }

    /** Seeds the hash cache with the hash the node was loaded by. */
    final void cacheHash(byte[] knownHash) {
        this.hash = knownHash;
    }

    /** Keccak-256 of the encoding (for a root, whatever its size). */
    byte[] hash() {
        if (hash == null) {
            hash = Keccak.keccak256(encoded());
        }
        return hash;
    }

    /** What a parent holds for this node: the encoding itself when short, else the RLP of its hash. */
    byte[] reference() {
        if (reference == null) {
            byte[] enc = encoded();
            reference = enc.length < HASH_REFERENCE_THRESHOLD ? enc : hashReference(hash());
        }
        return reference;
    }

    /** True when the parent refers to this node by hash (so it is stored by itself). */
    boolean isReferencedByHash() {
        return encoded().length >= HASH_REFERENCE_THRESHOLD;
    }

    static byte[] hashReference(byte[] hash) {
        byte[] out = new byte[33];
        out[0] = (byte) 0xa0;
        System.arraycopy(hash, 0, out, 1, 32);
        return out;
    }
}
