package org.quorumee.node.chain;

import java.util.List;
import java.util.Optional;
import org.quorumee.core.trie.NodeStore;
import org.quorumee.jpa.state.StateNodeRecord;
import org.quorumee.jpa.state.StateRepository;

/**
 * The core's node store over the database: reads go through the shared cache first, writes are
 * inserted in the caller's transaction (one per block) and cached.
 */
public final class DatabaseNodeStore implements NodeStore {
    private final StateRepository repository;
    private final NodeCache cache;

    public DatabaseNodeStore(StateRepository repository, NodeCache cache) {
        this.repository = repository;
        this.cache = cache;
    }

    @Override
    public Optional<byte[]> get(byte[] hash) {
        Optional<byte[]> cached = cache.get(hash);
        if (cached.isPresent()) {
            return cached;
        }
        Optional<byte[]> stored = repository.node(hash);
        stored.ifPresent(encoded -> cache.put(hash, encoded));
        return stored;
    }

    @Override
    public void write(List<Entry> batch) {
        repository.writeNodes(batch.stream().map(e -> new StateNodeRecord(e.hash(), e.encoded())).toList());
        batch.forEach(e -> cache.put(e.hash(), e.encoded()));
    }
}
