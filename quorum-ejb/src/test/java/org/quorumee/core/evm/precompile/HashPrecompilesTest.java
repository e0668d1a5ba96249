package org.quorumee.core.evm.precompile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.RIPEMD160Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.junit.jupiter.api.Test;

/** 0x02, 0x03 and 0x04 against Bouncy Castle's digests, and their word-priced gas. */
class HashPrecompilesTest {
    private static final int[] LENGTHS = {0, 1, 31, 32, 33, 55, 56, 63, 64, 65, 119, 120, 127, 128, 129, 1000, 4097};

    @Test
    void sha256MatchesBouncyCastle() {
        Random random = new Random(2);
        for (byte[] input : inputs(random)) {
            assertArrayEquals(digest(new SHA256Digest(), input), new Sha256().compute(input));
        }
    }

    @Test
    void ripemd160MatchesBouncyCastleLeftPaddedToAWord() {
        Random random = new Random(3);
        for (byte[] input : inputs(random)) {
            byte[] expected = new byte[32];
            System.arraycopy(digest(new RIPEMD160Digest(), input), 0, expected, 12, 20);
            assertArrayEquals(expected, new Ripemd160().compute(input));
        }
    }

    @Test
    void identityCopies() {
        Random random = new Random(4);
        for (byte[] input : inputs(random)) {
            byte[] output = new Identity().compute(input);
            assertArrayEquals(input, output);
        }
    }

    @Test
    void gasIsBasePlusPerWord() {
        // Yellow Paper appendix E: 60 + 12 per word, 600 + 120 per word, 15 + 3 per word
        for (int length = 0; length <= 300; length++) {
            byte[] input = new byte[length];
            long words = (length + 31) / 32;
            assertEquals(60 + 12 * words, new Sha256().gasRequirement(input));
            assertEquals(600 + 120 * words, new Ripemd160().gasRequirement(input));
            assertEquals(15 + 3 * words, new Identity().gasRequirement(input));
        }
    }

    private static byte[][] inputs(Random random) {
        byte[][] out = new byte[LENGTHS.length + 50][];
        for (int i = 0; i < LENGTHS.length; i++) {
            out[i] = bytes(random, LENGTHS[i]);
        }
        for (int i = LENGTHS.length; i < out.length; i++) {
            out[i] = bytes(random, random.nextInt(600));
        }
        return out;
    }

    private static byte[] bytes(Random random, int length) {
        byte[] out = new byte[length];
        random.nextBytes(out);
        return out;
    }

    private static byte[] digest(Digest digest, byte[] input) {
        digest.update(input, 0, input.length);
        byte[] out = new byte[digest.getDigestSize()];
        digest.doFinal(out, 0);
        return out;
    }
}
