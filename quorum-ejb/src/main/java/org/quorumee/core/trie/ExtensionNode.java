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
        byte[] encodedPath = Rlp.encodeBytes(Nibbles.hexPrefix(path, false));
        int payload = encodedPath.length + child.referenceLength();
        byte[] out = new byte[listHeaderLength(payload) + payload];
        int pos = writeListHeader(out, payload);
        System.arraycopy(encodedPath, 0, out, pos, encodedPath.length);
        child.writeReference(out, pos + encodedPath.length);
        return out;
    }
}
