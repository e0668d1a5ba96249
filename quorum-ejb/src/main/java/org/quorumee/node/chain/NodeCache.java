package org.quorumee.node.chain;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The most recently used state nodes, by hash. Nodes never change once written, so a cached node is
 * never stale; the bound only limits memory.
 */
public final class NodeCache {
    private final Map<ByteBuffer, byte[]> nodes;

    public NodeCache(int maxEntries) {
        this.nodes = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<ByteBuffer, byte[]> eldest) {
                return size() > maxEntries;
            }
        };
    }

    public synchronized Optional<byte[]> get(byte[] hash) {
        return Optional.ofNullable(nodes.get(ByteBuffer.wrap(hash)));
    }

    public synchronized void put(byte[] hash, byte[] encoded) {
        nodes.put(ByteBuffer.wrap(hash), encoded);
    }

    public synchronized int size() {
        return nodes.size();
    }
}
