package org.quorumee.core.privacy.enclave;

/**
 * Where the enclave's randomness comes from (keys, master keys, nonces, salts): a
 * {@code SecureRandom} in the node, a seeded generator in tests.
 */
@FunctionalInterface
public interface RandomSource {
    /** Fills the array with random bytes. */
    void nextBytes(byte[] bytes);

    /** A new array of {@code length} random bytes. */
    default byte[] bytes(int length) {
        byte[] out = new byte[length];
        nextBytes(out);
        return out;
    }
}
