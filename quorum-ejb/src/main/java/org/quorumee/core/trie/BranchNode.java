package org.quorumee.core.trie;

import java.util.ArrayList;
import java.util.List;
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
        List<byte[]> items = new ArrayList<>(17);
        for (Node child : children) {
            items.add(child == null ? Rlp.EMPTY_STRING : child.reference());
        }
        items.add(value == null ? Rlp.EMPTY_STRING : Rlp.encodeBytes(value));
        return Rlp.encodeList(items);
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
