package org.quorumee.core.trie;

import org.quorumee.core.bytes.Hex;

/** A node the trie refers to by hash is not in its {@link NodeStore}. */
public class MissingNodeException extends TrieException {
    private final byte[] hash;

    public MissingNodeException(byte[] hash) {
        super("trie node " + Hex.encode(hash) + " is not in the node store");
        this.hash = hash.clone();
    }

    /** The hash of the missing node. */
    public byte[] hash() {
        return hash.clone();
    }
}
