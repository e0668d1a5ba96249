package org.quorumee.core.trie;

import org.quorumee.core.rlp.Rlp;

/** Sixteen children, one per next nibble, and the value of the key that ends here (or null). */
final class BranchNode extends Node {
    /** Never modified once the node is built (new branches copy it), so branches may share it. */
    final Node[] children;
    final byte[] value;

    BranchNode(Node[] children, byte[] value) {
        this.children = children;
        this.value = value;
    }

    @Override
    byte[] encode() {
        byte[] encodedValue = value == null ? Rlp.EMPTY_STRING : Rlp.encodeBytes(value);
        int payload = encodedValue.length;
        for (Node child : children) {
            payload += child == null ? 1 : child.referenceLength();
        }
        byte[] out = new byte[listHeaderLength(payload) + payload];
        int pos = writeListHeader(out, payload);
        for (Node child : children) {
            if (child == null) {
                out[pos++] = (byte) 0x80;
            } else {
                pos = child.writeReference(out, pos);
            }
        }
        System.arraycopy(encodedValue, 0, out, pos, encodedValue.length);
        return out;
    }

    /** How many children are present. */
    int childCount() {
        int count = 0;
        for (Node child : children) {
            if (child != null) {
                count++;
            }
        }
        return count;
    }
}
