package org.quorumee.core.txpool;

import java.util.Arrays;

/** A transaction hash as a map key (equal by value). */
final class HashKey {
    private final byte[] hash;
    private final int hashCode;

    HashKey(byte[] hash) {
        this.hash = hash;
        // The hash is keccak output: its first bytes are as good as any mix.
        this.hashCode = hash.length >= 4
                ? (hash[0] & 0xff) << 24 | (hash[1] & 0xff) << 16 | (hash[2] & 0xff) << 8 | (hash[3] & 0xff)
                : Arrays.hashCode(hash);
    }

    byte[] bytes() {
        return hash;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HashKey other && Arrays.equals(hash, other.hash);
    }

    @Override
    public int hashCode() {
        return hashCode;
    }
}
