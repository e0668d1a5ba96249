package org.quorumee.core.trie;

/**
 * A stored node known only by its hash, loaded from the {@link NodeStore} when first traversed and
 * kept (the content behind a hash never changes, so the cache is always right).
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
    byte[] reference() {
        return hashReference(hash);
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
            node = NodeCodec.decode(encoded);
            node.cacheHash(hash);
            resolved = node;
        }
        return node;
    }
}
