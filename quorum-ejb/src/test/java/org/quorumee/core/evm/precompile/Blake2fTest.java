package org.quorumee.core.evm.precompile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Random;
import org.bouncycastle.crypto.digests.Blake2bDigest;
import org.junit.jupiter.api.Test;
import org.quorumee.core.bytes.Hex;

/**
 * 0x09. With 12 rounds, F is the compression function of BLAKE2b, so chaining precompile calls
 * over a message's blocks (the last one flagged final) must give Bouncy Castle's
 * {@link Blake2bDigest} of it, for any digest length and key. Other round counts are checked by
 * what they must do (zero rounds) and by EIP-152's own examples.
 */
class Blake2fTest {
    private static final long[] IV = {
        0x6a09e667f3bcc908L, 0xbb67ae8584caa73bL, 0x3c6ef372fe94f82bL, 0xa54ff53a5f1d36f1L,
        0x510e527fade682d1L, 0x9b05688c2b3e6c1fL, 0x1f83d9abfb41bd6bL, 0x5be0cd19137e2179L,
    };
    private static final int BLOCK_BYTES = 128;

    private final Blake2f blake2f = new Blake2f();

    @Test
    void singleFinalBlockIsBlake2b() {
        Random random = new Random(152);
        for (int length = 0; length <= BLOCK_BYTES; length++) {
            byte[] message = bytes(random, length);
            int digestLength = 1 + random.nextInt(64);
            assertArrayEquals(bouncyCastle(message, new byte[0], digestLength),
                    throughPrecompile(message, new byte[0], digestLength), "length " + length);
        }
    }

    @Test
    void chainedBlocksWithKeysAreBlake2b() {
        Random random = new Random(7);
        for (int i = 0; i < 100; i++) {
            byte[] message = bytes(random, random.nextInt(700));
            byte[] key = bytes(random, random.nextInt(3) == 0 ? 0 : 1 + random.nextInt(64));
            int digestLength = 1 + random.nextInt(64);
            assertArrayEquals(bouncyCastle(message, key, digestLength), throughPrecompile(message, key, digestLength));
        }
    }

    @Test
    void zeroRoundsLeavesTheInitialisedWorkVector() {
        // with no round, h'[i] = h[i] ^ v[i] ^ v[i + 8] = v[i + 8]: the IV with t and f mixed in
        Random random = new Random(0);
        long[] h = randomWords(random, 8);
        long[] m = randomWords(random, 16);
        long t0 = random.nextLong();
        long t1 = random.nextLong();
        for (boolean last : new boolean[] {false, true}) {
            assertArrayEquals(zeroRoundOutput(t0, t1, last), blake2f.compute(input(0, h, m, t0, t1, last ? 1 : 0)));
        }
    }

    @Test
    void eip152Examples() {
        // EIP-152 test vectors 4 to 7: one block "abc", t = 3, state of an unkeyed 64-byte digest
        long[] h = parameterisedIv(64, 0);
        long[] m = new long[16];
        m[0] = 0x636261; // "abc", little-endian
        assertArrayEquals(zeroRoundOutput(3, 0, true), blake2f.compute(input(0, h, m, 3, 0, 1)));
        assertArrayEquals(bouncyCastle("abc".getBytes(), new byte[0], 64), blake2f.compute(input(12, h, m, 3, 0, 1)));
        assertArrayEquals(Hex.decode("75ab69d3190a562c51aef8d88f1c2775876944407270c42c9844252c26d28752"
                + "98743e7f6d5ea2f2d3e8d226039cd31b4e426ac4f2d3d666a610c2116fde4735"),
                blake2f.compute(input(12, h, m, 3, 0, 0)));
        assertArrayEquals(Hex.decode("b63a380cb2897d521994a85234ee2c181b5f844d2c624c002677e9703449d2fb"
                + "a551b3a8333bcdf5f2f7e08993d53923de3d64fcc68c034e717b9293fed7a421"),
                blake2f.compute(input(1, h, m, 3, 0, 1)));
    }

    @Test
    void gasIsTheRoundCountReadBigEndian() {
        Random random = new Random(9);
        long[] h = randomWords(random, 8);
        long[] m = randomWords(random, 16);
        for (long rounds : new long[] {0, 1, 12, 0x0102, 0x010203, 0x01020304L, 0xffffffffL}) {
            assertEquals(rounds, blake2f.gasRequirement(input(rounds, h, m, 0, 0, 0)));
        }
    }

    /** Up to 2^32 - 1 rounds (minutes of work) in one call: it asks its abort check every 2^20 rounds. */
    @Test
    void manyRoundsStopWhenTheAbortCheckSaysSo() {
        byte[] input = input(3L << 20, parameterisedIv(64, 0), new long[16], 0, 0, 1);
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        org.junit.jupiter.api.Assertions.assertThrows(org.quorumee.core.evm.ExecutionAbortedException.class,
                () -> blake2f.compute(input, () -> asked.incrementAndGet() == 2));
        assertEquals(2, asked.get());
        java.util.concurrent.atomic.AtomicInteger never = new java.util.concurrent.atomic.AtomicInteger();
        byte[] out = blake2f.compute(input, () -> never.incrementAndGet() < 0);
        assertEquals(3, never.get(), "asked after rounds 2^20, 2^21 and 3 * 2^20");
        assertArrayEquals(blake2f.compute(input), out, "asking changes nothing of the result");
    }

    @Test
    void malformedInputFails() {
        byte[] good = input(12, parameterisedIv(64, 0), new long[16], 0, 0, 1);
        assertNull(blake2f.compute(new byte[0]));
        assertNull(blake2f.compute(Arrays.copyOf(good, 212)));
        assertNull(blake2f.compute(Arrays.copyOf(good, 214)));
        for (int flag : new int[] {2, 3, 0x80, 0xff}) {
            byte[] badFlag = good.clone();
            badFlag[212] = (byte) flag;
            assertNull(blake2f.compute(badFlag), "flag " + flag);
        }
        // the wrong length has no round count to charge; the call fails in compute
        assertEquals(0, blake2f.gasRequirement(Arrays.copyOf(good, 212)));
        assertEquals(0, blake2f.gasRequirement(new byte[0]));
    }

    /** BLAKE2b of message with key, digest of digestLength bytes, by chained F calls of 12 rounds. */
    private byte[] throughPrecompile(byte[] message, byte[] key, int digestLength) {
        byte[] padded;
        if (key.length > 0) {
            // the key, padded to a full block, is the first block
            padded = new byte[BLOCK_BYTES + message.length];
            System.arraycopy(key, 0, padded, 0, key.length);
            System.arraycopy(message, 0, padded, BLOCK_BYTES, message.length);
        } else {
            padded = message;
        }
        int blocks = Math.max(1, (padded.length + BLOCK_BYTES - 1) / BLOCK_BYTES);
        long[] h = parameterisedIv(digestLength, key.length);
        for (int block = 0; block < blocks; block++) {
            boolean last = block == blocks - 1;
            byte[] chunk = Arrays.copyOf(Arrays.copyOfRange(padded, Math.min(padded.length, block * BLOCK_BYTES),
                    Math.min(padded.length, (block + 1) * BLOCK_BYTES)), BLOCK_BYTES);
            long counter = last ? padded.length : (long) (block + 1) * BLOCK_BYTES;
            byte[] out = blake2f.compute(input(12, h, readWords(chunk), counter, 0, last ? 1 : 0));
            h = readWords(out);
        }
        return Arrays.copyOf(littleEndian(h), digestLength);
    }

    private static byte[] bouncyCastle(byte[] message, byte[] key, int digestLength) {
        Blake2bDigest digest = new Blake2bDigest(key.length == 0 ? null : key, digestLength, null, null);
        digest.update(message, 0, message.length);
        byte[] out = new byte[digestLength];
        digest.doFinal(out, 0);
        return out;
    }

    /** h0 of BLAKE2b (RFC 7693): the IV with digest length, key length, fanout 1 and depth 1. */
    private static long[] parameterisedIv(int digestLength, int keyLength) {
        long[] h = IV.clone();
        h[0] ^= 0x01010000L | ((long) keyLength << 8) | digestLength;
        return h;
    }

    /** F with no round: the second half of the initialised work vector, whatever h and m are. */
    private static byte[] zeroRoundOutput(long t0, long t1, boolean last) {
        long[] expected = IV.clone();
        expected[4] ^= t0;
        expected[5] ^= t1;
        if (last) {
            expected[6] = ~expected[6];
        }
        return littleEndian(expected);
    }

    private static byte[] input(long rounds, long[] h, long[] m, long t0, long t1, int flag) {
        ByteBuffer in = ByteBuffer.allocate(Blake2f.INPUT_LENGTH);
        in.putInt((int) rounds);
        in.order(ByteOrder.LITTLE_ENDIAN);
        for (long word : h) {
            in.putLong(word);
        }
        for (long word : m) {
            in.putLong(word);
        }
        in.putLong(t0);
        in.putLong(t1);
        in.put((byte) flag);
        return in.array();
    }

    private static long[] readWords(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long[] out = new long[bytes.length / 8];
        for (int i = 0; i < out.length; i++) {
            out[i] = buffer.getLong();
        }
        return out;
    }

    private static byte[] littleEndian(long[] words) {
        ByteBuffer out = ByteBuffer.allocate(8 * words.length).order(ByteOrder.LITTLE_ENDIAN);
        for (long word : words) {
            out.putLong(word);
        }
        return out.array();
    }

    private static long[] randomWords(Random random, int count) {
        long[] out = new long[count];
        for (int i = 0; i < count; i++) {
            out[i] = random.nextLong();
        }
        return out;
    }

    private static byte[] bytes(Random random, int length) {
        byte[] out = new byte[length];
        random.nextBytes(out);
        return out;
    }
}
