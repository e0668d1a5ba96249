package org.quorumee.core.tx;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.quorumee.core.crypto.Signature;
import org.quorumee.core.types.Address;

/**
 * The senders recovered lately, by what they were recovered from: the signed hash and the
 * signature. A node meets the same transaction as several objects (decoded from a client, from each
 * peer's gossip and resends, and from the block that carries it), and a recovery costs about a
 * hundred times a lookup. A 4-node Raft network under load spent 35-40% of each server's CPU in
 * recoveries, most of them for gossip of transactions the node had already recovered once.
 *
 * <p>The key is the recovery's whole input, so an entry can never be wrong, only missing. Bounded:
 * two generations of at most {@link #GENERATION_SIZE} entries each (about 17 MB in all); a hit in the
 * older one is copied to the newer, and when the newer is full the older is dropped. Races between
 * threads can only drop an entry or let a generation grow a little past its size.
 */
public final class SenderCache {
    /** Two generations of this many: about three minutes of transactions at 300 per second. */
    static final int GENERATION_SIZE = 32_768;

    private static volatile ConcurrentHashMap<Key, Address> newer = new ConcurrentHashMap<>();
    private static volatile ConcurrentHashMap<Key, Address> older = new ConcurrentHashMap<>();

    private SenderCache() {
    }

    /** The sender for this signed hash and signature: cached, or {@code recover}ed and then cached. */
    static Address sender(byte[] signingHash, Signature signature, Supplier<Address> recover) {
        if (signature.r().bitLength() > 256 || signature.s().bitLength() > 256) {
            return recover.get(); // not a 32-byte value: the key would truncate it (and recovery fails)
        }
        Key key = new Key(signingHash, signature);
        Address sender = newer.get(key);
        if (sender == null) {
            sender = older.get(key);
            if (sender == null) {
                sender = recover.get(); // a failure propagates and nothing is cached
            }
            put(key, sender);
        }
        return sender;
    }

    /** Forgets every sender (benchmarks that measure recovery itself). */
    public static synchronized void clear() {
        newer = new ConcurrentHashMap<>();
        older = new ConcurrentHashMap<>();
    }

    /** How many senders are held now, in both generations. */
    static long size() {
        return newer.mappingCount() + older.mappingCount();
    }

    private static void put(Key key, Address sender) {
        ConcurrentHashMap<Key, Address> generation = newer;
        generation.put(key, sender);
        if (generation.mappingCount() >= GENERATION_SIZE) {
            synchronized (SenderCache.class) {
                if (newer == generation) {
                    older = generation;
                    newer = new ConcurrentHashMap<>();
                }
            }
        }
    }

    /** signingHash(32) || r(32) || s(32) || recId(1). */
    private static final class Key {
        private final byte[] bytes;
        private final int hash;

        Key(byte[] signingHash, Signature signature) {
            bytes = Arrays.copyOf(signingHash, signingHash.length + 65);
            System.arraycopy(signature.toBytes(), 0, bytes, signingHash.length, 65);
            hash = Arrays.hashCode(bytes);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key other && hash == other.hash && Arrays.equals(bytes, other.bytes);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
