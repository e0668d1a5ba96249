package org.quorumee.core.tx;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.quorumee.core.types.Address;

/**
 * Senders already recovered, by transaction hash, so that a transaction recovered when it entered
 * the pool is not recovered again when the block that holds it is imported (a recovery costs a
 * hundred microseconds or more; a lookup, nothing). Safe because the hash covers the signature:
 * equal hashes mean equal signed bytes and so the same sender. Bounded (least recently used
 * entries go first) and thread-safe. The container owns an instance; the core holds none.
 */
public final class SenderCache {
    private final Map<ByteBuffer, Address> senders;

    public SenderCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, not " + capacity);
        }
        this.senders = new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<ByteBuffer, Address> eldest) {
                return size() > capacity;
            }
        };
    }

    /**
     * The sender of {@code tx}: from the cache, else recovered (and remembered).
     *
     * @throws InvalidTransactionException when no sender can be recovered (nothing is cached then)
     */
    public Address sender(Transaction tx) {
        ByteBuffer key = ByteBuffer.wrap(tx.hash());
        synchronized (senders) {
            Address known = senders.get(key);
            if (known != null) {
                return known;
            }
        }
        Address recovered = tx.sender();
        synchronized (senders) {
            senders.put(key, recovered);
        }
        return recovered;
    }

    /** True when the sender of the transaction with this hash is remembered (for tests and monitoring). */
    public boolean contains(byte[] hash) {
        synchronized (senders) {
            return senders.containsKey(ByteBuffer.wrap(hash));
        }
    }

    public int size() {
        synchronized (senders) {
            return senders.size();
        }
    }
}
