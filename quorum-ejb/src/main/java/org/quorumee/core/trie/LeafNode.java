package org.quorumee.core.trie;

import org.quorumee.core.rlp.Rlp;

/** The end of a key: the rest of its path and the value. */
final class LeafNode extends Node {
    final byte[] path;
    final byte[] value;

    LeafNode(byte[] path, byte[] value) {
        this.path = path;
        this.value = value;
    }

    @Override
    byte[] encode() {
        return Rlp.encodeList(Rlp.encodeBytes(Nibbles.hexPrefix(path, true)), Rlp.encodeBytes(value));
    }
}
