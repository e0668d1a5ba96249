package org.quorumee.core.trie;

import java.util.List;
import java.util.Optional;

/**
 * Where trie nodes live, addressed by the Keccak-256 hash of their RLP encoding. A node once written
 * never changes (its key is its content's hash), so readers at old roots never see new data.
 *
 * <p>Implementations: {@link InMemoryNodeStore} for tests and execution; the chain's database store
 * (with a cache in front) in the container layer.
 */
public interface NodeStore {

    /** One node to write: its 32-byte hash and its RLP encoding. */
    record Entry(byte[] hash, byte[] encoded) {
    }

    /** The encoded node stored under the 32-byte {@code hash}, if any. */
    Optional<byte[]> get(byte[] hash);

    /** Writes every node of {@code batch} in one call (one batch per commit, so one per block). */
    void write(List<Entry> batch);
}
