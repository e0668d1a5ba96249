package org.quorumee.core.evm.precompile.bn254;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Properties of the curve arithmetic, the subgroup test and the pairing. */
class Bn254Test {
    private static final BigInteger P = Fp.P;
    private static final BigInteger R = Bn254.ORDER;
    /** The G2 generator of EIP-197, coordinates as a + b i. */
    private static final Fp2 G2_X = Fp2.of(
            new BigInteger("10857046999023057135944570762232829481370756359578518086990519993285655852781"),
            new BigInteger("11559732032986387107991004021392285783925812861821192530917403151452391805634"));
    private static final Fp2 G2_Y = Fp2.of(
            new BigInteger("8495653923123431417604973247489272438418190587263600148770280649306958101930"),
            new BigInteger("4082367875863433681332203403145435568316851327593401208105741076214120093531"));
    private static final JacobianPoint<Fp> G1 = JacobianPoint.affine(Fp.ONE, Fp.of(2));
    private static final JacobianPoint<Fp2> G2 = JacobianPoint.affine(G2_X, G2_Y);

    @Test
    void generatorsHaveOrderR() {
        assertTrue(G1.multiply(R).isInfinity());
        assertTrue(G2.multiply(R).isInfinity());
        assertFalse(G2.multiply(R.subtract(BigInteger.ONE)).isInfinity());
    }

    @Test
    void pairingIsBilinear() throws InvalidPointException {
        BigInteger a = new BigInteger("123456789012345678901234567890");
        BigInteger b = new BigInteger("987654321098765432109876543210");
        // e(aP, bQ) * e(-(ab)P, Q) = 1
        byte[] input = concat(
                g1(G1.multiply(a)), g2(G2.multiply(b)),
                g1(G1.multiply(a.multiply(b).mod(R)).negate()), g2(G2));
        assertTrue(Bn254.pairingCheck(input));
        // e(aP, bQ) * e(-(ab+1)P, Q) != 1
        byte[] wrong = concat(
                g1(G1.multiply(a)), g2(G2.multiply(b)),
                g1(G1.multiply(a.multiply(b).add(BigInteger.ONE).mod(R)).negate()), g2(G2));
        assertFalse(Bn254.pairingCheck(wrong));
    }

    @Test
    void pairingOfGeneratorsIsNotOne() throws InvalidPointException {
        assertFalse(Bn254.pairingCheck(concat(g1(G1), g2(G2))));
        assertTrue(Bn254.pairingCheck(new byte[0]));
    }

    @Test
    void pairsWithInfinityContributeOne() throws InvalidPointException {
        assertTrue(Bn254.pairingCheck(concat(new byte[64], g2(G2))));
        assertTrue(Bn254.pairingCheck(concat(g1(G1), new byte[128])));
    }

    @Test
    void finalExponentiationResultHasOrderR() {
        Fp12 value = Bn254.finalExponentiation(Bn254.millerLoop(G1, G2));
        assertFalse(value.isOne());
        assertTrue(value.pow(R).isOne());
    }

    @Test
    void hardPartChainEqualsPlainExponentiation() {
        Fp12 cyclotomic = Bn254.easyPart(Bn254.millerLoop(G1, G2));
        assertEquals(cyclotomic.pow(Bn254.HARD_EXPONENT), Bn254.hardPart(cyclotomic));
    }

    @Test
    void cyclotomicSquareEqualsSquareAfterTheEasyPart() {
        Fp12 cyclotomic = Bn254.easyPart(Bn254.millerLoop(G1.multiply(BigInteger.valueOf(7)), G2));
        assertEquals(cyclotomic.square(), cyclotomic.cyclotomicSquare());
        assertEquals(cyclotomic.pow(BigInteger.valueOf(1000003)), cyclotomic.cyclotomicPow(BigInteger.valueOf(1000003)));
    }

    @Test
    void frobeniusMatchesPowerOfP() {
        Fp12 x = Bn254.millerLoop(G1, G2);
        assertEquals(x.pow(P), x.frobenius(1));
        assertEquals(x.pow(P.pow(2)), x.frobenius(2));
        assertEquals(x.pow(P.pow(3)), x.frobenius(3));
    }

    @Test
    void rejectsG1PointOffTheCurve() {
        byte[] point = word(BigInteger.ONE, BigInteger.valueOf(3));
        assertThrows(InvalidPointException.class, () -> Bn254.g1Add(point, new byte[64]));
        assertThrows(InvalidPointException.class, () -> Bn254.g1Multiply(point, BigInteger.TWO));
    }

    @Test
    void rejectsG1CoordinateNotBelowModulus() {
        // (1 + p, 2) would reduce to the generator: it must be refused, not reduced.
        byte[] point = word(BigInteger.ONE.add(P), BigInteger.TWO);
        assertThrows(InvalidPointException.class, () -> Bn254.g1Add(point, new byte[64]));
    }

    @Test
    void rejectsG2PointOffTheCurve() {
        JacobianPoint<Fp2> bad = JacobianPoint.affine(G2_X, G2_Y.add(Fp2.ONE));
        assertThrows(InvalidPointException.class, () -> Bn254.pairingCheck(concat(g1(G1), g2(bad))));
    }

    @Test
    void rejectsG2CoordinateNotBelowModulus() {
        byte[] q = g2(G2);
        byte[] bumped = new BigInteger(1, java.util.Arrays.copyOfRange(q, 32, 64)).add(P).toByteArray();
        System.arraycopy(bumped, bumped.length - 32, q, 32, 32);
        assertThrows(InvalidPointException.class, () -> Bn254.pairingCheck(concat(g1(G1), q)));
    }

    @Test
    void rejectsG2PointOutsideTheSubgroup() {
        JacobianPoint<Fp2> outside = twistPointOutsideSubgroup();
        assertThrows(InvalidPointException.class, () -> Bn254.pairingCheck(concat(g1(G1), g2(outside))));
    }

    @Test
    void rejectsPartialPair() {
        assertThrows(InvalidPointException.class, () -> Bn254.pairingCheck(new byte[191]));
    }

    @Test
    void additionAndMultiplicationAgree() throws InvalidPointException {
        byte[] generator = g1(G1);
        byte[] doubled = Bn254.g1Add(generator, generator);
        assertArrayEquals(doubled, Bn254.g1Multiply(generator, BigInteger.TWO));
        assertArrayEquals(new byte[64], Bn254.g1Multiply(generator, R));
        assertArrayEquals(new byte[64], Bn254.g1Add(generator, g1(G1.negate())));
    }

    @Test
    void sharedMillerLoopIsTheProductOfSingleLoops() {
        JacobianPoint<Fp> p1 = G1.multiply(BigInteger.valueOf(5)).toAffine();
        JacobianPoint<Fp> p2 = G1.multiply(BigInteger.valueOf(11)).toAffine();
        JacobianPoint<Fp2> q1 = G2.multiply(BigInteger.valueOf(3)).toAffine();
        JacobianPoint<Fp> p3 = G1;
        Fp12 separate = Bn254.millerLoop(p1, q1).multiply(Bn254.millerLoop(p2, G2)).multiply(Bn254.millerLoop(p3, q1));
        assertEquals(separate, Bn254.millerLoop(List.of(p1, p2, p3), List.of(q1, G2, q1)));
    }

    @Test
    void nonAdjacentFormAddsUpToTheScalar() {
        Random random = new Random(5);
        for (int i = 0; i < 200; i++) {
            BigInteger scalar = new BigInteger(random.nextInt(256), random).add(BigInteger.ONE);
            byte[] digits = NonAdjacentForm.of(scalar);
            BigInteger sum = BigInteger.ZERO;
            for (int j = digits.length - 1; j >= 0; j--) {
                sum = sum.shiftLeft(1).add(BigInteger.valueOf(digits[j]));
                if (j > 0) {
                    assertTrue(digits[j] == 0 || digits[j - 1] == 0, "adjacent non-zero digits");
                }
            }
            assertEquals(scalar, sum);
            assertEquals(1, digits[digits.length - 1], "leading digit");
        }
        assertEquals(0, NonAdjacentForm.of(BigInteger.ZERO).length);
        assertTrue(G2.multiply(BigInteger.ZERO).isInfinity());
    }

    // ---- the subgroup test psi(Q) = [6u^2]Q ----------------------------------------------------

    @Test
    void theSubgroupTestsScalarIsTheEigenvalueOfPsi() {
        BigInteger u = new BigInteger("4965661367192848881");
        BigInteger lambda = Bn254.PSI_EIGENVALUE;
        BigInteger trace = P.add(BigInteger.ONE).subtract(R);
        // the BN parametrisation: p - r = 6u^2, t = 6u^2 + 1
        assertEquals(P.subtract(R), lambda);
        assertEquals(lambda.add(BigInteger.ONE), trace);
        assertEquals(u.pow(2).multiply(BigInteger.valueOf(6)), lambda);
        // lambda^2 - t lambda + p = r: psi(Q) = lambda Q forces r Q = O
        assertEquals(R, lambda.pow(2).subtract(trace.multiply(lambda)).add(P));
        // the twist's cofactor is prime to r, so its r-torsion over Fp2 is G2 alone
        assertEquals(BigInteger.ONE, P.shiftLeft(1).subtract(R).gcd(R));
    }

    @Test
    void psiActsOnG2AsMultiplicationByP() {
        JacobianPoint<Fp2> image = Bn254.psi(G2);
        assertTrue(G2.multiply(Bn254.PSI_EIGENVALUE).isAffinePoint(image.x, image.y));
        assertTrue(G2.multiply(P.mod(R)).isAffinePoint(image.x, image.y));
        assertTrue(Bn254.isInG2(G2));
    }

    @Test
    void psiSatisfiesTheFrobeniusEquationOnTheWholeTwist() {
        // psi^2 - t psi + p = 0 on points outside G2 too: the premise of the subgroup test
        BigInteger trace = P.add(BigInteger.ONE).subtract(R);
        for (int seed = 1; seed <= 5; seed++) {
            JacobianPoint<Fp2> q = twistPointOutsideSubgroup(seed);
            JacobianPoint<Fp2> psiQ = Bn254.psi(q);
            JacobianPoint<Fp2> psiPsiQ = Bn254.psi(psiQ);
            assertTrue(onTwist(psiQ) && onTwist(psiPsiQ));
            assertTrue(psiPsiQ.add(psiQ.multiply(trace).negate()).add(q.multiply(P)).isInfinity());
        }
    }

    @Test
    void subgroupTestAgreesWithMultiplicationByR() {
        BigInteger cofactor = P.shiftLeft(1).subtract(R);
        for (int seed = 1; seed <= 12; seed++) {
            JacobianPoint<Fp2> outside = twistPointOutsideSubgroup(seed);
            assertFalse(Bn254.isInG2(outside), "seed " + seed);
            JacobianPoint<Fp2> cleared = outside.multiply(cofactor).toAffine();
            assertTrue(cleared.multiply(R).isInfinity());
            assertTrue(Bn254.isInG2(cleared), "seed " + seed);
            JacobianPoint<Fp2> multiple = G2.multiply(BigInteger.valueOf(seed).pow(40)).toAffine();
            assertTrue(Bn254.isInG2(multiple));
        }
    }

    private static boolean onTwist(JacobianPoint<Fp2> affine) {
        return affine.y.square().equals(affine.x.square().multiply(affine.x).add(twistB()));
    }

    private static Fp2 twistB() {
        return Fp2.of(BigInteger.valueOf(3), BigInteger.ZERO).multiply(Fp2.XI.inverse());
    }

    private static JacobianPoint<Fp2> twistPointOutsideSubgroup() {
        return twistPointOutsideSubgroup(0);
    }

    /** A point on the twist whose order is not r, from x = seed + i, seed + 1 + i, ... */
    private static JacobianPoint<Fp2> twistPointOutsideSubgroup(int seed) {
        for (int i = seed; ; i++) {
            Fp2 x = Fp2.of(BigInteger.valueOf(i), BigInteger.valueOf(seed));
            Fp2 y = sqrt(x.square().multiply(x).add(twistB()));
            if (y != null) {
                JacobianPoint<Fp2> point = JacobianPoint.affine(x, y);
                if (!point.multiply(R).isInfinity()) {
                    return point;
                }
            }
        }
    }

    /** A square root in Fp2 (p = 3 mod 4), or null when there is none. */
    private static Fp2 sqrt(Fp2 a) {
        // For a = a0 + a1 i with n = sqrt(a0^2 + a1^2): x0^2 = (a0 + n) / 2 (or (a0 - n) / 2), x1 = a1 / (2 x0).
        BigInteger half = BigInteger.TWO.modInverse(P);
        BigInteger a0 = a.c0.toBigInteger();
        BigInteger a1 = a.c1.toBigInteger();
        BigInteger norm = a0.pow(2).add(a1.pow(2)).mod(P);
        BigInteger n = sqrtFp(norm);
        if (n == null) {
            return null;
        }
        for (BigInteger candidate : new BigInteger[] {a0.add(n), a0.subtract(n)}) {
            BigInteger x0 = sqrtFp(candidate.multiply(half).mod(P));
            if (x0 != null && x0.signum() != 0) {
                BigInteger x1 = a1.multiply(x0.shiftLeft(1).modInverse(P)).mod(P);
                Fp2 root = Fp2.of(x0, x1);
                if (root.square().equals(a)) {
                    return root;
                }
            }
        }
        return null;
    }

    private static BigInteger sqrtFp(BigInteger value) {
        BigInteger root = value.modPow(P.add(BigInteger.ONE).shiftRight(2), P);
        return root.multiply(root).mod(P).equals(value.mod(P)) ? root : null;
    }

    private static byte[] g1(JacobianPoint<Fp> point) {
        if (point.isInfinity()) {
            return new byte[64];
        }
        JacobianPoint<Fp> affine = point.toAffine();
        return word(affine.x.toBigInteger(), affine.y.toBigInteger());
    }

    private static byte[] g2(JacobianPoint<Fp2> point) {
        JacobianPoint<Fp2> affine = point.toAffine();
        return word(affine.x.c1.toBigInteger(), affine.x.c0.toBigInteger(),
                affine.y.c1.toBigInteger(), affine.y.c0.toBigInteger());
    }

    private static byte[] word(BigInteger... values) {
        byte[] out = new byte[32 * values.length];
        for (int i = 0; i < values.length; i++) {
            byte[] raw = values[i].toByteArray();
            int length = Math.min(raw.length, 32);
            System.arraycopy(raw, raw.length - length, out, 32 * i + 32 - length, length);
        }
        return out;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
