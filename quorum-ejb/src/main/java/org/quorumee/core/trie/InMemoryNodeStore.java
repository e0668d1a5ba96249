package org.quorumee.core.trie;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link NodeStore} in a hash map. Safe for one writer and many readers at once (readers at an old
 * root keep working while a block is being committed).
 */
public final class InMemoryNodeStore implements NodeStore {
    private final Map<Key, byte[]> nodes = new ConcurrentHashMap<>();

    @Override
    public Optional<byte[]> get(byte[] hash) {
        return Optional.ofNullable(nodes.get(new Key(hash)));
    }

    @Override
    public void write(List<Entry> batch) {
        for (Entry entry : batch) {
            nodes.put(new Key(entry.hash()), entry.encoded());
        }
    }

    /** How many distinct nodes are stored. */
    public int size() {
        return nodes.size();
    }

    /** A byte array compared by content, as a map key. */
    private static final class Key {
        private final byte[] bytes;
        private final int hash;

        Key(byte[] bytes) {
            this.bytes = bytes;
            this.hash = Arrays.hashCode(bytes);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key other && Arrays.equals(bytes, other.bytes);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
