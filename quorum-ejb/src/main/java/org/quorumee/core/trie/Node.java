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

    // Volatile: nodes may be shared by readers on other threads (copies, nodes loaded at one root),
    // and a cache filled by one thread must be seen whole by the others.
    private volatile byte[] encoded;
    private volatile byte[] hash;
    /**
     * Set once the node is in the store, by itself or inside its stored parent. Every node below a
     * persisted node is persisted too, so a commit stops descending at the first one.
     */
    boolean persisted;

    /** Computes the RLP encoding (children by reference). */
    abstract byte[] encode();

    /** The node's RLP encoding, computed once. */
    byte[] encoded() {
        byte[] enc = encoded;
        if (enc == null) {
            enc = encode();
            encoded = enc;
        }
        return enc;
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
        byte[] h = hash;
        if (h == null) {
            h = Keccak.keccak256(encoded());
            hash = h;
        }
        return h;
    }

    /** Length of what a parent holds for this node: the encoding when short, else 0xa0 and the hash. */
    int referenceLength() {
        int length = encoded().length;
        return length < HASH_REFERENCE_THRESHOLD ? length : 33;
    }

    /** Writes what a parent holds for this node at {@code pos}; returns the position after it. */
    int writeReference(byte[] out, int pos) {
        byte[] enc = encoded();
        if (enc.length < HASH_REFERENCE_THRESHOLD) {
            System.arraycopy(enc, 0, out, pos, enc.length);
            return pos + enc.length;
        }
        out[pos] = (byte) 0xa0;
        System.arraycopy(hash(), 0, out, pos + 1, 32);
        return pos + 33;
    }

    /** True when the parent refers to this node by hash (so it is stored by itself). */
    boolean isReferencedByHash() {
        return encoded().length >= HASH_REFERENCE_THRESHOLD;
    }

    /** An RLP list header for a payload of {@code length} bytes, written at the start of {@code out}; returns its size. */
    static int writeListHeader(byte[] out, int length) {
        if (length < 56) {
            out[0] = (byte) (0xc0 + length);
            return 1;
        }
        int bytes = (32 - Integer.numberOfLeadingZeros(length) + 7) / 8;
        out[0] = (byte) (0xf7 + bytes);
        for (int i = bytes; i >= 1; i--) {
            out[i] = (byte) length;
            length >>>= 8;
        }
        return 1 + bytes;
    }

    /** Size of the RLP list header for a payload of {@code length} bytes. */
    static int listHeaderLength(int length) {
        return length < 56 ? 1 : 1 + (32 - Integer.numberOfLeadingZeros(length) + 7) / 8;
    }
}
