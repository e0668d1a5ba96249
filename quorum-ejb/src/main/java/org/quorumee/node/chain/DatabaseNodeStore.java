package org.quorumee.node.chain;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.quorumee.core.trie.NodeStore;
import org.quorumee.jpa.privatestate.PrivateStateNodeRecord;
import org.quorumee.jpa.privatestate.PrivateStateRepository;
import org.quorumee.jpa.state.StateNodeRecord;
import org.quorumee.jpa.state.StateRepository;

/**
 * The core's node store over the database — the public state's table, or this node's private
 * state's: reads go through the shared cache first, writes are inserted in the caller's transaction
 * (one per block) and cached once it has committed.
 */
public final class DatabaseNodeStore implements NodeStore {
    private final Function<byte[], Optional<byte[]>> reader;
    private final Consumer<List<Entry>> writer;
    private final NodeCache cache;
    /** Written in the current transaction, not yet cached. */
    private final List<Entry> written = new ArrayList<>();

    /** The public state. */
    public DatabaseNodeStore(StateRepository repository, NodeCache cache) {
        this(repository::node,
                batch -> repository.writeNodes(batch.stream().map(e -> new StateNodeRecord(e.hash(), e.encoded())).toList()),
                cache);
    }

    /** This node's private state. */
    public DatabaseNodeStore(PrivateStateRepository repository, NodeCache cache) {
        this(repository::node,
                batch -> repository.writeNodes(batch.stream().map(e -> new PrivateStateNodeRecord(e.hash(), e.encoded())).toList()),
                cache);
    }

    private DatabaseNodeStore(Function<byte[], Optional<byte[]>> reader, Consumer<List<Entry>> writer, NodeCache cache) {
        this.reader = reader;
        this.writer = writer;
        this.cache = cache;
    }

    @Override
    public Optional<byte[]> get(byte[] hash) {
        Optional<byte[]> cached = cache.get(hash);
        if (cached.isPresent()) {
            return cached;
        }
        Optional<byte[]> stored = reader.apply(hash);
        stored.ifPresent(encoded -> cache.put(hash, encoded));
        return stored;
    }

    /**
     * Inserts the nodes in the caller's transaction. They reach the shared cache only with
     * {@link #committed}: nodes of a write that rolled back, read from the cache, would look stored
     * until evicted, and a block built on them would fail far from the cause.
     */
    @Override
    public void write(List<Entry> batch) {
        writer.accept(batch);
        written.addAll(batch);
    }

    /** The transaction of this store's writes has committed: they go into the shared cache. */
    public void committed() {
        written.forEach(e -> cache.put(e.hash(), e.encoded()));
        written.clear();
    }
}
