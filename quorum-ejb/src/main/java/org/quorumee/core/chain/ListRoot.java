package org.quorumee.core.chain;

import java.util.List;
import org.quorumee.core.rlp.Rlp;
import org.quorumee.core.trie.InMemoryNodeStore;
import org.quorumee.core.trie.MerklePatriciaTrie;

/**
 * The root of an ordered list (transactions, receipts, withdrawals of a block): the trie that maps
 * {@code rlp(index)} to each item's encoding.
 */
public final class ListRoot {
    private ListRoot() {
    }

    /** The root over {@code encodedItems}; {@link MerklePatriciaTrie#EMPTY_ROOT} for no items. */
    public static byte[] of(List<byte[]> encodedItems) {
        MerklePatriciaTrie trie = new MerklePatriciaTrie(new InMemoryNodeStore());
        for (int i = 0; i < encodedItems.size(); i++) {
            trie.put(Rlp.encodeLong(i), encodedItems.get(i));
        }
        return trie.rootHash();
    }
}
