package org.quorumee.core.trie;

import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.quorumee.core.crypto.Keccak;

/**
 * A {@link MerklePatriciaTrie} keyed by keccak256 of each key, as Ethereum keys the account trie
 * (by address) and each storage trie (by slot). Hashing keeps the paths short and balanced whatever
 * the keys are.
 */
public final class SecureTrie {
    private final MerklePatriciaTrie trie;

    /** An empty trie over {@code store}. */
    public SecureTrie(NodeStore store) {
        this.trie = new MerklePatriciaTrie(store);
    }

    /** The trie whose root hash is {@code rootHash}, its nodes read from {@code store} as needed. */
    public SecureTrie(NodeStore store, byte[] rootHash) {
        this.trie = new MerklePatriciaTrie(store, rootHash);
    }

    private SecureTrie(MerklePatriciaTrie trie) {
        this.trie = trie;
    }

    /** An independent handle on the same content (nothing is copied). */
    public SecureTrie copy() {
        return new SecureTrie(trie.copy());
    }

    public boolean isEmpty() {
        return trie.isEmpty();
    }

    public Optional<byte[]> get(byte[] key) {
        return trie.get(Keccak.keccak256(key));
    }

    /** Stores {@code value} under {@code key}; an empty value deletes the key. */
    public void put(byte[] key, byte[] value) {
        trie.put(Keccak.keccak256(key), value);
    }

    public void delete(byte[] key) {
        trie.delete(Keccak.keccak256(key));
    }

    public byte[] rootHash() {
        return trie.rootHash();
    }

    /** See {@link MerklePatriciaTrie#commit()}. */
    public byte[] commit() {
        return trie.commit();
    }

    /** The proof of {@code key} (its path is keccak256 of the key; verify with that hash). */
    public List<byte[]> proof(byte[] key) {
        return trie.proof(Keccak.keccak256(key));
    }

    /** Visits every entry in ascending order of hashed key; the visitor gets the hash, not the key. */
    public void forEach(BiConsumer<byte[], byte[]> visitor) {
        trie.forEach(visitor);
    }
}
