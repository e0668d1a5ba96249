package org.quorumee.core.trie;

import org.quorumee.core.rlp.Rlp;

/** A path shared by every key below it, then one child (always a branch). */
final class ExtensionNode extends Node {
    final byte[] path;
    final Node child;

    ExtensionNode(byte[] path, Node child) {
        this.path = path;
        this.child = child;
    }

    @Override
    byte[] encode() {
        return Rlp.encodeList(Rlp.encodeBytes(Nibbles.hexPrefix(path, false)), child.reference());
    }
}
