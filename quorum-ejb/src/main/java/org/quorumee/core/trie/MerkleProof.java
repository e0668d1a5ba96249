package org.quorumee.core.trie;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.quorumee.core.crypto.Keccak;

/** Checks Merkle proofs made by {@link MerklePatriciaTrie#proof}. */
public final class MerkleProof {
    private MerkleProof() {
    }

    /**
     * The value that {@code proof} shows under {@code key} in the trie of {@code rootHash}, or empty
     * when it shows the key absent. For a {@link SecureTrie}, pass keccak256 of the key.
     *
     * @throws InvalidProofException when the proof lacks a node on the path or holds a malformed one
     */
    public static Optional<byte[]> verify(byte[] rootHash, byte[] key, List<byte[]> proof) {
        List<NodeStore.Entry> nodes = new ArrayList<>(proof.size());
        for (byte[] node : proof) {
            nodes.add(new NodeStore.Entry(Keccak.keccak256(node), node.clone()));
        }
        InMemoryNodeStore store = new InMemoryNodeStore();
        store.write(nodes);
        try {
            return new MerklePatriciaTrie(store, rootHash).get(key);
        } catch (TrieException e) {
            throw new InvalidProofException("proof does not hold: " + e.getMessage(), e);
        }
    }
}
