package org.quorumee.core.trie;

import java.util.Arrays;
import org.quorumee.core.bytes.Hex;
import org.quorumee.core.crypto.Keccak;

/**
 * A stored node known only by its hash, loaded from the {@link NodeStore} when first traversed (and
 * checked against the hash) and kept: the content behind a hash never changes, so the cache is
 * always right.
 */
final class HashNode extends Node {
    private final byte[] hash;
    private volatile Node resolved;

    HashNode(byte[] hash) {
        this.hash = hash;
        this.persisted = true;
    }

    @Override
    byte[] encode() {
        throw new IllegalStateException("a hash node is encoded by its reference only");
    }

    @Override
    byte[] hash() {
        return hash;
    }

    @Override
    int referenceLength() {
        return 33;
    }

    @Override
    int writeReference(byte[] out, int pos) {
        out[pos] = (byte) 0xa0;
        System.arraycopy(hash, 0, out, pos + 1, 32);
        return pos + 33;
    }

    @Override
    boolean isReferencedByHash() {
        return true;
    }

    /** The node behind the hash, loaded once. */
    Node resolve(NodeStore store) {
        Node node = resolved;
        if (node == null) {
            byte[] encoded = store.get(hash).orElseThrow(() -> new MissingNodeException(hash));
            // A store that returns other bytes than the hash names is corrupt: fail, never compute on them.
            if (!Arrays.equals(Keccak.keccak256(encoded), hash)) {
                throw new TrieException("node store is corrupt: the node stored under " + Hex.encode(hash)
                        + " has another hash");
            }
            node = NodeCodec.decode(encoded);
            node.cacheHash(hash);
            resolved = node;
        }
        return node;
    }
}
