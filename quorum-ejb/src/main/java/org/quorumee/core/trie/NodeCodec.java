package org.quorumee.core.trie;

import java.util.List;
import org.quorumee.core.rlp.RlpException;
import org.quorumee.core.rlp.RlpItem;
import org.quorumee.core.rlp.Rlp;

/** Reads stored nodes back: RLP lists of 2 items (leaf, extension) or 17 (branch). */
final class NodeCodec {
    private NodeCodec() {
    }

    /** The node encoded by {@code encoded}, marked persisted, with child hashes as {@link HashNode}s. */
    static Node decode(byte[] encoded) {
        try {
            return decodeItem(Rlp.decode(encoded), encoded);
        } catch (RlpException e) {
            throw new TrieException("malformed trie node: " + e.getMessage(), e);
        }
    }

    private static Node decodeItem(RlpItem item, byte[] encoded) {
        if (!item.isList()) {
            throw new TrieException("a trie node is an RLP list, found a byte string");
        }
        List<RlpItem> items = item.items();
        Node node;
        if (items.size() == 2) {
            byte[] path = items.get(0).bytes();
            if (Nibbles.isLeaf(path)) {
                byte[] value = items.get(1).bytes();
                node = new LeafNode(Nibbles.decodeHexPrefix(path), value);
            } else {
                byte[] nibbles = Nibbles.decodeHexPrefix(path);
                if (nibbles.length == 0) {
                    throw new TrieException("extension node with an empty path");
                }
                Node child = decodeReference(items.get(1));
                if (child == null) {
                    throw new TrieException("extension node without a child");
                }
                node = new ExtensionNode(nibbles, child);
            }
        } else if (items.size() == 17) {
            Node[] children = new Node[16];
            for (int i = 0; i < 16; i++) {
                children[i] = decodeReference(items.get(i));
            }
            byte[] value = items.get(16).bytes();
            node = new BranchNode(children, value.length == 0 ? null : value);
        } else {
            throw new TrieException("a trie node has 2 or 17 items, not " + items.size());
        }
        node.cacheEncoded(encoded);
        node.persisted = true;
        return node;
    }

    /** A child: embedded node (a list), hash (32 bytes) or nothing (empty string). */
    private static Node decodeReference(RlpItem item) {
        if (item.isList()) {
            byte[] embedded = item.encoded();
            if (embedded.length >= Node.HASH_REFERENCE_THRESHOLD) {
                throw new TrieException("embedded node of " + embedded.length + " bytes must be referenced by hash");
            }
            return decodeItem(item, embedded);
        }
        int length = item.payloadLength();
        if (length == 0) {
            return null;
        }
        if (length != 32) {
            throw new TrieException("node reference of " + length + " bytes (expected 32 or an embedded node)");
        }
        return new HashNode(item.bytes());
    }
}
