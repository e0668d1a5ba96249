package org.quorumee.core.crypto;

import org.bouncycastle.crypto.digests.KeccakDigest;

/** Keccak-256 (the pre-standard SHA-3 Ethereum uses), through Bouncy Castle. */
public final class Keccak {
    /** Keccak-256 of the empty input. */
    public static final byte[] EMPTY_HASH = keccak256(new byte[0]);

    private Keccak() {
    }

    public static byte[] keccak256(byte[] input) {
        return keccak256(input, 0, input.length);
    }

    public static byte[] keccak256(byte[] input, int offset, int length) {
        KeccakDigest digest = new KeccakDigest(256);
        digest.update(input, offset, length);
        byte[] out = new byte[32];
        digest.doFinal(out, 0);
        return out;
    }
}
