package org.quorumee.core.evm.precompile;

import org.quorumee.core.evm.AbortCheck;
import org.quorumee.core.evm.ExecutionAbortedException;

/**
 * 0x09: the BLAKE2b compression function F with a caller-chosen number of rounds (EIP-152).
 *
 * <p>Input, exactly 213 bytes: rounds (4 bytes, big-endian), state h (8 little-endian 64-bit
 * words), message block m (16 words), offset counter t (2 words), final-block flag (1 byte, 0 or
 * 1). Output: the new state h (64 bytes). Gas: one per round.
 */
public final class Blake2f implements PrecompiledContract {
    static final int INPUT_LENGTH = 213;

    private static final long[] IV = {
        0x6a09e667f3bcc908L, 0xbb67ae8584caa73bL, 0x3c6ef372fe94f82bL, 0xa54ff53a5f1d36f1L,
        0x510e527fade682d1L, 0x9b05688c2b3e6c1fL, 0x1f83d9abfb41bd6bL, 0x5be0cd19137e2179L,
    };

    /** Message word schedule; round i uses row i mod 10. */
    private static final byte[][] SIGMA = {
        {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15},
        {14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3},
        {11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4},
        {7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8},
        {9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13},
        {2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9},
        {12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11},
        {13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10},
        {6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5},
        {10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0},
    };

    @Override
    public long gasRequirement(byte[] input) {
        // A malformed input has no round count to read; it fails in compute and takes all gas.
        return input.length == INPUT_LENGTH ? rounds(input) : 0;
    }

    /** Rounds between two questions to the abort check (2^20 rounds take some tens of ms). */
    static final long ABORT_CHECK_ROUNDS = 1L << 20;

    @Override
    public byte[] compute(byte[] input) {
        return compute(input, AbortCheck.NEVER);
    }

    /** As {@link #compute(byte[])}; up to 2^32 - 1 rounds can take minutes, so it asks {@code abort} as it goes. */
    @Override
    public byte[] compute(byte[] input, AbortCheck abort) {
        if (input.length != INPUT_LENGTH || (input[212] & 0xff) > 1) {
            return null;
        }
        long[] h = new long[8];
        long[] m = new long[16];
        for (int i = 0; i < 8; i++) {
            h[i] = readLittleEndian(input, 4 + 8 * i);
        }
        for (int i = 0; i < 16; i++) {
            m[i] = readLittleEndian(input, 68 + 8 * i);
        }
        long t0 = readLittleEndian(input, 196);
        long t1 = readLittleEndian(input, 204);
        compress(rounds(input), h, m, t0, t1, input[212] == 1, abort);
        byte[] out = new byte[64];
        for (int i = 0; i < 8; i++) {
            writeLittleEndian(h[i], out, 8 * i);
        }
        return out;
    }

    private static long rounds(byte[] input) {
        return ((input[0] & 0xffL) << 24) | ((input[1] & 0xffL) << 16) | ((input[2] & 0xffL) << 8)
                | (input[3] & 0xffL);
    }

    /** F(h, m, t, f) with {@code rounds} rounds, updating {@code h} in place; stops when {@code abort} says so. */
    static void compress(long rounds, long[] h, long[] m, long t0, long t1, boolean finalBlock, AbortCheck abort) {
        long[] v = new long[16];
        System.arraycopy(h, 0, v, 0, 8);
        System.arraycopy(IV, 0, v, 8, 8);
        v[12] ^= t0;
        v[13] ^= t1;
        if (finalBlock) {
            v[14] = ~v[14];
        }
        for (long round = 0; round < rounds; round++) {
            if ((round & (ABORT_CHECK_ROUNDS - 1)) == ABORT_CHECK_ROUNDS - 1 && abort.shouldAbort()) {
                throw new ExecutionAbortedException("execution aborted");
            }
            byte[] s = SIGMA[(int) (round % 10)];
            mix(v, 0, 4, 8, 12, m[s[0]], m[s[1]]);
            mix(v, 1, 5, 9, 13, m[s[2]], m[s[3]]);
            mix(v, 2, 6, 10, 14, m[s[4]], m[s[5]]);
            mix(v, 3, 7, 11, 15, m[s[6]], m[s[7]]);
            mix(v, 0, 5, 10, 15, m[s[8]], m[s[9]]);
            mix(v, 1, 6, 11, 12, m[s[10]], m[s[11]]);
            mix(v, 2, 7, 8, 13, m[s[12]], m[s[13]]);
            mix(v, 3, 4, 9, 14, m[s[14]], m[s[15]]);
        }
        for (int i = 0; i < 8; i++) {
            h[i] ^= v[i] ^ v[i + 8];
        }
    }

    /** The mixing function G. */
    private static void mix(long[] v, int a, int b, int c, int d, long x, long y) {
        v[a] = v[a] + v[b] + x;
        v[d] = Long.rotateRight(v[d] ^ v[a], 32);
        v[c] = v[c] + v[d];
        v[b] = Long.rotateRight(v[b] ^ v[c], 24);
        v[a] = v[a] + v[b] + y;
        v[d] = Long.rotateRight(v[d] ^ v[a], 16);
        v[c] = v[c] + v[d];
        v[b] = Long.rotateRight(v[b] ^ v[c], 63);
    }

    private static long readLittleEndian(byte[] in, int offset) {
        long value = 0;
        for (int i = 7; i >= 0; i--) {
            value = (value << 8) | (in[offset + i] & 0xffL);
        }
        return value;
    }

    private static void writeLittleEndian(long value, byte[] out, int offset) {
        for (int i = 0; i < 8; i++) {
            out[offset + i] = (byte) (value >>> (8 * i));
        }
    }
}
