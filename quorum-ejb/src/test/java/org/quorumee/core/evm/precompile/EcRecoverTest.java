package org.quorumee.core.evm.precompile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.quorumee.core.crypto.KeyPair;
import org.quorumee.core.crypto.Secp256k1;
import org.quorumee.core.crypto.Signature;

/**
 * 0x01 on signatures made here with {@link Secp256k1#sign}: the signer's address comes back for
 * v = 27 + recovery id, and every malformed v, r or s gives empty output (the call itself succeeds).
 */
class EcRecoverTest {
    /** The secp256k1 field modulus. */
    private static final BigInteger P = BigInteger.TWO.pow(256).subtract(BigInteger.TWO.pow(32)).subtract(BigInteger.valueOf(977));
    private static final BigInteger N = Secp256k1.N;
    private final EcRecover ecRecover = new EcRecover();

    @Test
    void recoversTheSignerOfRandomHashes() {
        Random random = new Random(1);
        for (int i = 0; i < 50; i++) {
            KeyPair key = randomKey(random);
            byte[] hash = bytes(random, 32);
            Signature signature = Secp256k1.sign(hash, key.privateKey());
            byte[] input = input(hash, BigInteger.valueOf(27 + signature.recId()), signature.r(), signature.s());
            assertArrayEquals(addressWord(key), ecRecover.compute(input));
            // bytes past the 128th are ignored
            assertArrayEquals(addressWord(key), ecRecover.compute(concat(input, bytes(random, 1 + random.nextInt(64)))));
            // the other recovery id gives some other address (or none), never the signer's
            byte[] flipped = input(hash, BigInteger.valueOf(28 - signature.recId()), signature.r(), signature.s());
            assertFalse(Arrays.equals(addressWord(key), ecRecover.compute(flipped)));
        }
    }

    @Test
    void highSIsAccepted() {
        // EIP-2's low-s rule binds transactions, not this precompile: (r, n - s) with the other
        // parity is the same signature
        Random random = new Random(2);
        KeyPair key = randomKey(random);
        byte[] hash = bytes(random, 32);
        Signature signature = Secp256k1.sign(hash, key.privateKey());
        byte[] input = input(hash, BigInteger.valueOf(28 - signature.recId()), signature.r(), N.subtract(signature.s()));
        assertArrayEquals(addressWord(key), ecRecover.compute(input));
    }

    @Test
    void hashAboveTheGroupOrderIsAccepted() {
        Random random = new Random(3);
        KeyPair key = randomKey(random);
        byte[] hash = new byte[32];
        Arrays.fill(hash, (byte) 0xff);
        Signature signature = Secp256k1.sign(hash, key.privateKey());
        assertArrayEquals(addressWord(key),
                ecRecover.compute(input(hash, BigInteger.valueOf(27 + signature.recId()), signature.r(), signature.s())));
    }

    @Test
    void malformedSignaturesGiveEmptyOutput() {
        Random random = new Random(4);
        KeyPair key = randomKey(random);
        byte[] hash = bytes(random, 32);
        Signature signature = Secp256k1.sign(hash, key.privateKey());
        BigInteger v = BigInteger.valueOf(27 + signature.recId());
        BigInteger r = signature.r();
        BigInteger s = signature.s();
        byte[] empty = new byte[0];

        for (long badV : new long[] {0, 1, 26, 29, 35, 37, 255}) {
            assertArrayEquals(empty, ecRecover.compute(input(hash, BigInteger.valueOf(badV), r, s)), "v " + badV);
        }
        // v must be the whole word: 27 with any higher byte set is not 27
        assertArrayEquals(empty, ecRecover.compute(input(hash, v.setBit(8), r, s)));
        assertArrayEquals(empty, ecRecover.compute(input(hash, v.setBit(255), r, s)));
        // r and s in [1, n - 1]
        assertArrayEquals(empty, ecRecover.compute(input(hash, v, BigInteger.ZERO, s)));
        assertArrayEquals(empty, ecRecover.compute(input(hash, v, r, BigInteger.ZERO)));
        assertArrayEquals(empty, ecRecover.compute(input(hash, v, N, s)));
        assertArrayEquals(empty, ecRecover.compute(input(hash, v, r, N)));
        assertArrayEquals(empty, ecRecover.compute(input(hash, v, N.add(BigInteger.ONE), s)));
        assertArrayEquals(empty, ecRecover.compute(input(hash, v, r, N.add(BigInteger.TWO))));
        assertArrayEquals(empty, ecRecover.compute(input(hash, v, P.add(BigInteger.ONE), s)));
        // an r that is no x coordinate on the curve: x^3 + 7 must be a square mod p
        BigInteger notAnX = BigInteger.ONE;
        while (isSquare(notAnX.pow(3).add(BigInteger.valueOf(7)).mod(P))) {
            notAnX = notAnX.add(BigInteger.ONE);
        }
        assertArrayEquals(empty, ecRecover.compute(input(hash, v, notAnX, s)));
        // short input reads as zero-padded: s missing is s = 0
        byte[] full = input(hash, v, r, s);
        assertArrayEquals(empty, ecRecover.compute(Arrays.copyOf(full, 96)));
        assertArrayEquals(empty, ecRecover.compute(new byte[0]));
    }

    @Test
    void gasIsFixed() {
        assertEquals(3000, ecRecover.gasRequirement(new byte[0]));
        assertEquals(3000, ecRecover.gasRequirement(new byte[128]));
        assertEquals(3000, ecRecover.gasRequirement(new byte[1000]));
    }

    private static boolean isSquare(BigInteger value) {
        return value.signum() == 0 || value.modPow(P.subtract(BigInteger.ONE).shiftRight(1), P).equals(BigInteger.ONE);
    }

    private static KeyPair randomKey(Random random) {
        BigInteger d;
        do {
            d = new BigInteger(256, random);
        } while (d.signum() == 0 || d.compareTo(N) >= 0);
        return KeyPair.fromPrivateKey(InputWords.leftPad(d, 32));
    }

    /** The address derived from the public key, left-padded to a word. */
    private static byte[] addressWord(KeyPair key) {
        byte[] out = new byte[32];
        System.arraycopy(key.address().toArray(), 0, out, 12, 20);
        return out;
    }

    private static byte[] input(byte[] hash, BigInteger v, BigInteger r, BigInteger s) {
        return concat(hash, InputWords.leftPad(v, 32), InputWords.leftPad(r, 32), InputWords.leftPad(s, 32));
    }

    private static byte[] bytes(Random random, int length) {
        byte[] out = new byte[length];
        random.nextBytes(out);
        return out;
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] out = new byte[length];
        int offset = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, offset, part.length);
            offset += part.length;
        }
        return out;
    }
}
