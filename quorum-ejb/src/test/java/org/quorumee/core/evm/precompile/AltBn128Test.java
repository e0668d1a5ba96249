package org.quorumee.core.evm.precompile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * 0x06, 0x07 and 0x08 in their byte formats, checked by the algebra they must obey, with a plain
 * affine reference of both groups written here over {@link BigInteger} (EIP-196, EIP-197): the
 * generators are on their curves, P + (-P) = O, k·G agrees with repeated addition, the pairing is
 * bilinear, and every invalid point (off the curve, a coordinate not below p, a G2 point outside
 * the subgroup) fails the call.
 */
class AltBn128Test {
    /** EIP-196: the field modulus and the group order. */
    private static final BigInteger P = new BigInteger(
            "21888242871839275222246405745257275088696311157297823662689037894645226208583");
    private static final BigInteger R = new BigInteger(
            "21888242871839275222246405745257275088548364400416034343698204186575808495617");
    /** The order of the twist over Fp2 is R times this cofactor (trace t = p + 1 - r). */
    private static final BigInteger G2_COFACTOR = P.shiftLeft(1).subtract(R);
    private static final G1 G1_GENERATOR = new G1(BigInteger.ONE, BigInteger.TWO);
    /** EIP-197's generator of G2. */
    private static final G2 G2_GENERATOR = new G2(
            new Fq2(new BigInteger("1800deef121f1e76426a00665e5c4479674322d4f75edadd46debd5cd992f6ed", 16),
                    new BigInteger("198e9393920d483a7260bfb731fb5d25f1aa493335a9e71297e485b7aef312c2", 16)),
            new Fq2(new BigInteger("12c85ea5db8c6deb4aab71808dcb408fe3d1e7690c43d37b4ce6cc0166fa7daa", 16),
                    new BigInteger("090689d0585ff075ec9e99ad690c3395bc4b313370b38ef355acdadcd122975b", 16)));
    /** The twist: y^2 = x^3 + 3 / (9 + i). */
    private static final Fq2 TWIST_B = new Fq2(BigInteger.valueOf(3), BigInteger.ZERO)
            .multiply(new Fq2(BigInteger.valueOf(9), BigInteger.ONE).inverse());
    private static final byte[] ONE_WORD = word(BigInteger.ONE);
    private static final byte[] ZERO_WORD = new byte[32];

    private final AltBn128Add add = new AltBn128Add();
    private final AltBn128Mul mul = new AltBn128Mul();
    private final AltBn128Pairing pairing = new AltBn128Pairing();

    // ---- G1: addition and multiplication ---------------------------------------------------------

    @Test
    void generatorsAreOnTheirCurvesWithOrderR() {
        assertTrue(G1_GENERATOR.isOnCurve());
        assertTrue(G2_GENERATOR.isOnCurve());
        assertNull(G1_GENERATOR.multiply(R));
        assertNull(G2_GENERATOR.multiply(R));
        assertArrayEquals(G1_GENERATOR.encode(), add.compute(concat(G1_GENERATOR.encode(), new byte[64])));
        assertArrayEquals(G1_GENERATOR.encode(), add.compute(concat(new byte[64], G1_GENERATOR.encode())));
        assertArrayEquals(G1_GENERATOR.encode(), mul.compute(concat(G1_GENERATOR.encode(), ONE_WORD)));
    }

    @Test
    void pointPlusItsNegationIsInfinity() {
        Random random = new Random(1);
        for (int i = 0; i < 10; i++) {
            G1 point = G1_GENERATOR.multiply(new BigInteger(256, random));
            assertArrayEquals(new byte[64], add.compute(concat(point.encode(), point.negate().encode())));
        }
    }

    @Test
    void smallMultiplesAgreeWithRepeatedAddition() {
        byte[] generator = G1_GENERATOR.encode();
        byte[] sum = new byte[64];
        for (int k = 0; k <= 40; k++) {
            assertArrayEquals(sum, mul.compute(concat(generator, word(BigInteger.valueOf(k)))), "k = " + k);
            sum = add.compute(concat(sum, generator));
        }
    }

    @Test
    void randomPointsAndScalarsAgreeWithTheReference() {
        Random random = new Random(2);
        for (int i = 0; i < 30; i++) {
            G1 a = G1_GENERATOR.multiply(new BigInteger(256, random));
            G1 b = G1_GENERATOR.multiply(new BigInteger(256, random));
            BigInteger k = new BigInteger(256, random);
            assertArrayEquals(encode(a.add(b)), add.compute(concat(a.encode(), b.encode())));
            assertArrayEquals(encode(a.add(a)), add.compute(concat(a.encode(), a.encode())));
            assertArrayEquals(encode(a.multiply(k)), mul.compute(concat(a.encode(), word(k))));
        }
    }

    @Test
    void scalarsAreNotReducedBeforeUse() {
        byte[] generator = G1_GENERATOR.encode();
        assertArrayEquals(new byte[64], mul.compute(concat(generator, word(R))));
        assertArrayEquals(generator, mul.compute(concat(generator, word(R.add(BigInteger.ONE)))));
        BigInteger max = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);
        assertArrayEquals(mul.compute(concat(generator, word(max.mod(R)))), mul.compute(concat(generator, word(max))));
        assertArrayEquals(new byte[64], mul.compute(concat(new byte[64], word(max))));
    }

    @Test
    void inputIsZeroPaddedAndExtraBytesIgnored() {
        byte[] generator = G1_GENERATOR.encode();
        byte[] twoG = encode(G1_GENERATOR.add(G1_GENERATOR));
        assertArrayEquals(new byte[64], add.compute(new byte[0]));
        assertArrayEquals(generator, add.compute(generator));
        assertArrayEquals(twoG, add.compute(concat(generator, generator, new byte[] {1, 2, 3})));
        assertArrayEquals(new byte[64], mul.compute(generator)); // scalar missing: zero
        assertArrayEquals(twoG, mul.compute(concat(generator, word(BigInteger.TWO), new byte[] {9})));
        // a scalar cut short is padded on the right: 0x02 followed by zeros
        assertArrayEquals(encode(G1_GENERATOR.multiply(BigInteger.TWO.shiftLeft(248))),
                mul.compute(concat(generator, new byte[] {2})));
    }

    @Test
    void invalidG1PointsFail() {
        byte[] generator = G1_GENERATOR.encode();
        byte[] offCurve = concat(ONE_WORD, ONE_WORD);
        byte[] zeroX = concat(ZERO_WORD, word(BigInteger.valueOf(3)));
        // (p + 1, 2) is the generator's residue, but a coordinate must be below p
        byte[] unreducedX = concat(word(P.add(BigInteger.ONE)), word(BigInteger.TWO));
        byte[] unreducedY = concat(ONE_WORD, word(P.add(BigInteger.TWO)));
        for (byte[] bad : new byte[][] {offCurve, zeroX, unreducedX, unreducedY}) {
            assertNull(add.compute(concat(bad, generator)));
            assertNull(add.compute(concat(generator, bad)));
            assertNull(mul.compute(concat(bad, ONE_WORD)));
            assertNull(mul.compute(concat(bad, ZERO_WORD)));
        }
    }

    // ---- pairing ---------------------------------------------------------------------------------

    @Test
    void pairingIsBilinear() {
        Random random = new Random(3);
        G2 otherQ = randomSubgroupPoint(random);
        for (G2 q : new G2[] {G2_GENERATOR, otherQ}) {
            for (int i = 0; i < 2; i++) {
                BigInteger a = new BigInteger(200, random);
                BigInteger b = new BigInteger(200, random);
                // e(aP, bQ) * e(-abP, Q) = e(P, Q)^(ab) * e(P, Q)^(-ab) = 1
                byte[] balanced = concat(G1_GENERATOR.multiply(a).encode(), q.multiply(b).encode(),
                        G1_GENERATOR.multiply(a.multiply(b)).negate().encode(), q.encode());
                assertEquals(1, check(balanced));
                byte[] unbalanced = concat(G1_GENERATOR.multiply(a).encode(), q.multiply(b).encode(),
                        G1_GENERATOR.multiply(a.multiply(b).add(BigInteger.ONE)).negate().encode(), q.encode());
                assertEquals(0, check(unbalanced));
            }
        }
    }

    @Test
    void pairingOfGeneratorsIsNotOneButCancelsWithItsInverse() {
        byte[] p = G1_GENERATOR.encode();
        byte[] q = G2_GENERATOR.encode();
        assertEquals(0, check(concat(p, q)));
        assertEquals(1, check(concat(p, q, G1_GENERATOR.negate().encode(), q)));
        assertEquals(1, check(concat(p, q, p, G2_GENERATOR.negate().encode())));
        // three pairs: e(P, Q)^2 * e(-2P, Q) = 1
        assertEquals(1, check(concat(p, q, p, q, encode(G1_GENERATOR.add(G1_GENERATOR).negate()), q)));
    }

    @Test
    void emptyInputAndInfinityPairsAreOne() {
        assertEquals(1, check(new byte[0]));
        assertEquals(1, check(concat(new byte[64], G2_GENERATOR.encode())));
        assertEquals(1, check(concat(G1_GENERATOR.encode(), new byte[128])));
        assertEquals(1, check(new byte[192 * 3]));
        assertEquals(0, check(concat(new byte[192], G1_GENERATOR.encode(), G2_GENERATOR.encode())));
    }

    @Test
    void invalidPairingInputFails() {
        byte[] p = G1_GENERATOR.encode();
        byte[] q = G2_GENERATOR.encode();
        byte[] pair = concat(p, q);
        assertNull(pairing.compute(Arrays.copyOf(pair, 191)));
        assertNull(pairing.compute(Arrays.copyOf(pair, 193)));
        assertNull(pairing.compute(Arrays.copyOf(pair, 64)));
        // G1 off the curve
        assertNull(pairing.compute(concat(ONE_WORD, ONE_WORD, q)));
        // G2 off the twist: the generator with y's halves swapped
        assertNull(pairing.compute(concat(p, Arrays.copyOf(q, 64), Arrays.copyOfRange(q, 96, 128),
                Arrays.copyOfRange(q, 64, 96))));
        // G2 with a coordinate not below p: x's imaginary part plus p
        byte[] unreduced = q.clone();
        System.arraycopy(word(G2_GENERATOR.x.b.add(P)), 0, unreduced, 0, 32);
        assertNull(pairing.compute(concat(p, unreduced)));
        // a bad point fails the call even when another pair is valid, or paired with infinity
        assertNull(pairing.compute(concat(pair, ONE_WORD, ONE_WORD, q)));
        assertNull(pairing.compute(concat(new byte[64], Arrays.copyOf(q, 64), Arrays.copyOfRange(q, 96, 128),
                Arrays.copyOfRange(q, 64, 96))));
    }

    @Test
    void g2PointsOutsideTheSubgroupFailAndTheirCofactorMultiplesPass() {
        Random random = new Random(4);
        byte[] p = G1_GENERATOR.encode();
        for (int i = 0; i < 8; i++) {
            G2 onTwist = randomTwistPoint(random);
            assertTrue(onTwist.isOnCurve());
            // the subgroup holds one twist point in about 2^254 (its cofactor): a random one lies outside
            assertNotNull(onTwist.multiply(R), "a random twist point outside the subgroup");
            assertNull(pairing.compute(concat(p, onTwist.encode())), "outside the subgroup");
            assertNull(pairing.compute(concat(new byte[64], onTwist.encode())), "checked even against infinity");
            G2 cleared = onTwist.multiply(G2_COFACTOR);
            assertNull(cleared.multiply(R));
            assertNotNull(pairing.compute(concat(p, cleared.encode())));
            assertEquals(1, check(concat(p, cleared.encode(), G1_GENERATOR.negate().encode(), cleared.encode())));
        }
    }

    // ---- gas -------------------------------------------------------------------------------------

    @Test
    void eip1108Prices() {
        assertEquals(150, add.gasRequirement(new byte[0]));
        assertEquals(150, add.gasRequirement(new byte[128]));
        assertEquals(6000, mul.gasRequirement(new byte[0]));
        assertEquals(6000, mul.gasRequirement(new byte[96]));
        for (int pairs = 0; pairs <= 6; pairs++) {
            assertEquals(45_000 + 34_000L * pairs, pairing.gasRequirement(new byte[192 * pairs]));
        }
    }

    // ---- reference -------------------------------------------------------------------------------

    private int check(byte[] input) {
        byte[] out = pairing.compute(input);
        assertNotNull(out, "the pairing input is valid");
        assertEquals(32, out.length);
        for (int i = 0; i < 31; i++) {
            assertEquals(0, out[i]);
        }
        return out[31];
    }

    /** Some point of G2 other than the generator's small multiples: a random twist point, cleared. */
    private static G2 randomSubgroupPoint(Random random) {
        G2 point = randomTwistPoint(random).multiply(G2_COFACTOR);
        return point != null ? point : G2_GENERATOR;
    }

    private static G2 randomTwistPoint(Random random) {
        while (true) {
            Fq2 x = new Fq2(new BigInteger(254, random).mod(P), new BigInteger(254, random).mod(P));
            Fq2 y = x.square().multiply(x).add(TWIST_B).sqrt();
            if (y != null) {
                return new G2(x, y);
            }
        }
    }

    private static byte[] encode(G1 point) {
        return point == null ? new byte[64] : point.encode();
    }

    private static byte[] word(BigInteger value) {
        return InputWords.leftPad(value, 32);
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

    /** a + b i in Fp2 = Fp[i] / (i^2 + 1). */
    private record Fq2(BigInteger a, BigInteger b) {
        Fq2 add(Fq2 o) {
            return new Fq2(a.add(o.a).mod(P), b.add(o.b).mod(P));
        }

        Fq2 subtract(Fq2 o) {
            return new Fq2(a.subtract(o.a).mod(P), b.subtract(o.b).mod(P));
        }

        Fq2 multiply(Fq2 o) {
            return new Fq2(a.multiply(o.a).subtract(b.multiply(o.b)).mod(P), a.multiply(o.b).add(b.multiply(o.a)).mod(P));
        }

        Fq2 square() {
            return multiply(this);
        }

        Fq2 scale(long k) {
            return new Fq2(a.multiply(BigInteger.valueOf(k)).mod(P), b.multiply(BigInteger.valueOf(k)).mod(P));
        }

        Fq2 inverse() {
            BigInteger normInverse = a.multiply(a).add(b.multiply(b)).modInverse(P);
            return new Fq2(a.multiply(normInverse).mod(P), b.negate().multiply(normInverse).mod(P));
        }

        boolean isZero() {
            return a.signum() == 0 && b.signum() == 0;
        }

        /** A square root, or null: found through the norm, as p = 3 mod 4 makes Fp roots easy. */
        Fq2 sqrt() {
            BigInteger norm = a.multiply(a).add(b.multiply(b)).mod(P);
            BigInteger n = fpSqrt(norm);
            if (n == null) {
                return null;
            }
            BigInteger half = BigInteger.TWO.modInverse(P);
            for (BigInteger candidate : new BigInteger[] {a.add(n), a.subtract(n)}) {
                BigInteger x0 = fpSqrt(candidate.multiply(half).mod(P));
                if (x0 != null && x0.signum() != 0) {
                    Fq2 root = new Fq2(x0, b.multiply(x0.shiftLeft(1).modInverse(P)).mod(P));
                    if (root.square().equals(this)) {
                        return root;
                    }
                }
            }
            return null;
        }

        private static BigInteger fpSqrt(BigInteger value) {
            BigInteger root = value.modPow(P.add(BigInteger.ONE).shiftRight(2), P);
            return root.multiply(root).mod(P).equals(value) ? root : null;
        }
    }

    /** An affine point of G1; null stands for the point at infinity. */
    private record G1(BigInteger x, BigInteger y) {
        boolean isOnCurve() {
            return y.pow(2).subtract(x.pow(3)).subtract(BigInteger.valueOf(3)).mod(P).signum() == 0;
        }

        G1 negate() {
            return new G1(x, P.subtract(y).mod(P));
        }

        G1 add(G1 o) {
            if (o == null) {
                return this;
            }
            BigInteger lambda;
            if (x.equals(o.x)) {
                if (!y.equals(o.y) || y.signum() == 0) {
                    return null;
                }
                lambda = x.pow(2).multiply(BigInteger.valueOf(3)).multiply(y.shiftLeft(1).modInverse(P)).mod(P);
            } else {
                lambda = o.y.subtract(y).multiply(o.x.subtract(x).modInverse(P)).mod(P);
            }
            BigInteger x3 = lambda.pow(2).subtract(x).subtract(o.x).mod(P);
            return new G1(x3, lambda.multiply(x.subtract(x3)).subtract(y).mod(P));
        }

        G1 multiply(BigInteger k) {
            G1 result = null;
            for (int bit = k.bitLength() - 1; bit >= 0; bit--) {
                result = result == null ? null : result.add(result);
                if (k.testBit(bit)) {
                    result = result == null ? this : result.add(this);
                }
            }
            return result;
        }

        byte[] encode() {
            return concat(word(x), word(y));
        }
    }

    /** An affine point of the twist; null stands for the point at infinity. */
    private record G2(Fq2 x, Fq2 y) {
        boolean isOnCurve() {
            return y.square().equals(x.square().multiply(x).add(TWIST_B));
        }

        G2 negate() {
            return new G2(x, new Fq2(BigInteger.ZERO, BigInteger.ZERO).subtract(y));
        }

        G2 add(G2 o) {
            if (o == null) {
                return this;
            }
            Fq2 lambda;
            if (x.equals(o.x)) {
                if (!y.equals(o.y) || y.isZero()) {
                    return null;
                }
                lambda = x.square().scale(3).multiply(y.scale(2).inverse());
            } else {
                lambda = o.y.subtract(y).multiply(o.x.subtract(x).inverse());
            }
            Fq2 x3 = lambda.square().subtract(x).subtract(o.x);
            return new G2(x3, lambda.multiply(x.subtract(x3)).subtract(y));
        }

        G2 multiply(BigInteger k) {
            G2 result = null;
            for (int bit = k.bitLength() - 1; bit >= 0; bit--) {
                result = result == null ? null : result.add(result);
                if (k.testBit(bit)) {
                    result = result == null ? this : result.add(this);
                }
            }
            return result;
        }

        /** EIP-197: each coordinate imaginary part first. */
        byte[] encode() {
            return concat(word(x.b), word(x.a), word(y.b), word(y.a));
        }
    }
}
