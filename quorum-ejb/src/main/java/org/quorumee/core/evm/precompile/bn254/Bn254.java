package org.quorumee.core.evm.precompile.bn254;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The BN254 (alt_bn128) curve as EIP-196 and EIP-197 use it, in their byte encodings.
 *
 * <p>G1: y^2 = x^3 + 3 over Fp, a point is 64 bytes (x, y), each a 32-byte big-endian number;
 * (0, 0) is the point at infinity. G2: the sextic twist y^2 = x^3 + 3 / (9 + i) over Fp2, a point
 * is 128 bytes (x, y), each Fp2 coordinate {@code a + b i} written as b then a; all zeros is
 * infinity. A coordinate must be below p, a point must be on its curve, and a G2 point must lie
 * in the subgroup of order {@link #ORDER} (G1 has cofactor 1).
 *
 * <p>The pairing is the optimal Ate pairing: a Miller loop over 6u + 2 with two Frobenius-twisted
 * line steps, then the final exponentiation to the power (p^12 - 1) / r.
 */
public final class Bn254 {
    /** The prime order r of G1 and G2. */
    public static final BigInteger ORDER = new BigInteger(
            "21888242871839275222246405745257275088548364400416034343698204186575808495617");
    public static final int G1_POINT_BYTES = 64;
    public static final int G2_POINT_BYTES = 128;
    public static final int PAIR_BYTES = G1_POINT_BYTES + G2_POINT_BYTES;

    private static final Fp G1_B = Fp.of(3);
    private static final Fp2 G2_B = Fp2.of(BigInteger.valueOf(3), BigInteger.ZERO).multiply(Fp2.XI.inverse());
    /** The curve parameter u; p and r are polynomials in it. */
    private static final BigInteger U = new BigInteger("4965661367192848881");
    private static final BigInteger ATE_LOOP_COUNT = U.multiply(BigInteger.valueOf(6)).add(BigInteger.TWO);
    /**
     * 6u + 2 in non-adjacent form: 22 non-zero digits against 37 one bits, so 15 fewer addition
     * steps per pair. A digit -1 adds -Q; the Miller function then differs by vertical-line
     * factors, which the final exponentiation maps to one like the other vertical lines.
     */
    private static final byte[] ATE_LOOP_DIGITS = NonAdjacentForm.of(ATE_LOOP_COUNT);
    /** 6u^2 = p - r: the eigenvalue of {@link #psi} on G2, so the subgroup test's scalar (127 bits). */
    static final BigInteger PSI_EIGENVALUE = U.multiply(U).multiply(BigInteger.valueOf(6));
    /** (p^4 - p^2 + 1) / r: the part of the final exponent left after (p^6 - 1)(p^2 + 1). */
    static final BigInteger HARD_EXPONENT =
            Fp.P.pow(4).subtract(Fp.P.pow(2)).add(BigInteger.ONE).divide(ORDER);

    private Bn254() {
    }

    /** EIP-196 addition: two G1 points (64 bytes each) to their sum (64 bytes). */
    public static byte[] g1Add(byte[] first, byte[] second) throws InvalidPointException {
        return encodeG1(decodeG1(first, 0).add(decodeG1(second, 0)));
    }

    /** EIP-196 scalar multiplication: a G1 point times any 256-bit unsigned scalar (64 bytes out). */
    public static byte[] g1Multiply(byte[] point, BigInteger scalar) throws InvalidPointException {
        return encodeG1(decodeG1(point, 0).multiply(scalar));
    }

    /**
     * EIP-197 pairing check over {@code input}, a sequence of (G1, G2) pairs of {@link #PAIR_BYTES}
     * each: true when the product of their pairings is one (true for no pairs).
     *
     * @throws InvalidPointException on a length that is not a whole number of pairs or any bad point
     */
    public static boolean pairingCheck(byte[] input) throws InvalidPointException {
        if (input.length % PAIR_BYTES != 0) {
            throw new InvalidPointException("pairing input of " + input.length + " bytes is not a multiple of "
                    + PAIR_BYTES);
        }
        List<JacobianPoint<Fp>> ps = new ArrayList<>();
        List<JacobianPoint<Fp2>> qs = new ArrayList<>();
        for (int offset = 0; offset < input.length; offset += PAIR_BYTES) {
            JacobianPoint<Fp> p = decodeG1(input, offset);
            JacobianPoint<Fp2> q = decodeG2(input, offset + G1_POINT_BYTES);
            if (!p.isInfinity() && !q.isInfinity()) { // a pair with infinity contributes one
                ps.add(p);
                qs.add(q);
            }
        }
        return ps.isEmpty() || finalExponentiation(millerLoop(ps, qs)).isOne();
    }

    // ---- encoding ------------------------------------------------------------------------------

    private static JacobianPoint<Fp> decodeG1(byte[] in, int offset) throws InvalidPointException {
        BigInteger x = coordinate(in, offset);
        BigInteger y = coordinate(in, offset + 32);
        if (x.signum() == 0 && y.signum() == 0) {
            return JacobianPoint.infinity(Fp.ZERO);
        }
        Fp px = Fp.of(x);
        Fp py = Fp.of(y);
        if (!py.square().equals(px.square().multiply(px).add(G1_B))) {
            throw new InvalidPointException("G1 point is not on the curve");
        }
        return JacobianPoint.affine(px, py);
    }

    private static JacobianPoint<Fp2> decodeG2(byte[] in, int offset) throws InvalidPointException {
        BigInteger xImaginary = coordinate(in, offset);
        BigInteger xReal = coordinate(in, offset + 32);
        BigInteger yImaginary = coordinate(in, offset + 64);
        BigInteger yReal = coordinate(in, offset + 96);
        Fp2 x = Fp2.of(xReal, xImaginary);
        Fp2 y = Fp2.of(yReal, yImaginary);
        if (x.isZero() && y.isZero()) {
            return JacobianPoint.infinity(Fp2.ZERO);
        }
        if (!y.square().equals(x.square().multiply(x).add(G2_B))) {
            throw new InvalidPointException("G2 point is not on the twist curve");
        }
        JacobianPoint<Fp2> point = JacobianPoint.affine(x, y);
        if (!isInG2(point)) {
            throw new InvalidPointException("G2 point is not in the subgroup of order r");
        }
        return point;
    }

    /**
     * Whether a finite affine point Q of the twist lies in G2, by psi(Q) = [6u^2]Q: half the
     * doublings of the plain test [r]Q = O.
     *
     * <p>Sound and complete. psi, like the p-power Frobenius it carries to the twist, satisfies
     * psi^2 - t psi + p = 0 on every point of the twist, with trace t = 6u^2 + 1. If psi(Q) = lQ with
     * l = 6u^2, then psi^2(Q) = l^2 Q and so 0 = (l^2 - t l + p) Q = r Q, since l^2 - t l + p =
     * p - 6u^2 = r for BN curves. The twist has r h points over Fp2 with h = 2p - r prime to r, so
     * its points of order dividing r are exactly G2. Conversely psi acts on G2 as multiplication by
     * p = 6u^2 (mod r), so every point of G2 passes.
     */
    static boolean isInG2(JacobianPoint<Fp2> q) {
        JacobianPoint<Fp2> image = psi(q);
        return q.multiply(PSI_EIGENVALUE).isAffinePoint(image.x, image.y);
    }

    /**
     * The endomorphism psi of the twist (untwist, p-power Frobenius, twist back) on an affine
     * point: (conj(x) g2, conj(y) g3) with the Frobenius coefficients g_j = xi^(j(p-1)/6).
     */
    static JacobianPoint<Fp2> psi(JacobianPoint<Fp2> affine) {
        return JacobianPoint.affine(affine.x.conjugate().multiply(Fp12.frobeniusCoefficient(1, 2)),
                affine.y.conjugate().multiply(Fp12.frobeniusCoefficient(1, 3)));
    }

    private static BigInteger coordinate(byte[] in, int offset) throws InvalidPointException {
        BigInteger value = new BigInteger(1, Arrays.copyOfRange(in, offset, offset + 32));
        if (value.compareTo(Fp.P) >= 0) {
            throw new InvalidPointException("coordinate is not below the field modulus");
        }
        return value;
    }

    private static byte[] encodeG1(JacobianPoint<Fp> point) {
        byte[] out = new byte[G1_POINT_BYTES];
        if (!point.isInfinity()) {
            JacobianPoint<Fp> affine = point.toAffine();
            writeWord(affine.x.toBigInteger(), out, 0);
            writeWord(affine.y.toBigInteger(), out, 32);
        }
        return out;
    }

    private static void writeWord(BigInteger value, byte[] out, int offset) {
        byte[] raw = value.toByteArray();
        int length = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - length, out, offset + 32 - length, length);
    }

    // ---- pairing ------------------------------------------------------------------------------

    /** The Miller loop of a single pair (see {@link #millerLoop(List, List)}). */
    static Fp12 millerLoop(JacobianPoint<Fp> p, JacobianPoint<Fp2> q) {
        return millerLoop(List.of(p), List.of(q));
    }

    /**
     * The product of the Miller loops of the optimal Ate pairing over the pairs (ps[i], qs[i]), all
     * finite and affine, with P in G1 and Q in G2. For each pair, T walks over multiples of Q on the
     * twist; each step multiplies in the line through T (and Q) evaluated at P. The loops run side
     * by side on one accumulator, so that it is squared once per bit for all pairs.
     */
    static Fp12 millerLoop(List<JacobianPoint<Fp>> ps, List<JacobianPoint<Fp2>> qs) {
        int pairs = ps.size();
        List<TwistWalk> walks = new ArrayList<>(pairs);
        for (JacobianPoint<Fp2> q : qs) {
            walks.add(new TwistWalk(q.x, q.y));
        }
        List<Fp2> negatedQy = new ArrayList<>(pairs);
        for (JacobianPoint<Fp2> q : qs) {
            negatedQy.add(q.y.negate());
        }
        Fp12 f = Fp12.ONE;
        // T starts at Q: the leading digit
        for (int digit = ATE_LOOP_DIGITS.length - 2; digit >= 0; digit--) {
            f = f.square();
            for (int i = 0; i < pairs; i++) {
                f = walks.get(i).doubleStep(f, ps.get(i).x, ps.get(i).y);
            }
            if (ATE_LOOP_DIGITS[digit] != 0) {
                for (int i = 0; i < pairs; i++) {
                    Fp2 qy = ATE_LOOP_DIGITS[digit] == 1 ? qs.get(i).y : negatedQy.get(i);
                    f = walks.get(i).addStep(f, qs.get(i).x, qy, ps.get(i).x, ps.get(i).y);
                }
            }
        }
        for (int i = 0; i < pairs; i++) {
            // Q1 = psi(Q) and -Q2 = -psi^2(Q), with the Frobenius of the untwisted curve carried to the twist.
            JacobianPoint<Fp2> q = qs.get(i);
            Fp xP = ps.get(i).x;
            Fp yP = ps.get(i).y;
            JacobianPoint<Fp2> q1 = psi(q);
            Fp2 q2x = q.x.multiply(Fp12.frobeniusCoefficient(2, 2));
            Fp2 q2yNegated = q.y.multiply(Fp12.frobeniusCoefficient(2, 3)).negate();
            f = walks.get(i).addStep(f, q1.x, q1.y, xP, yP);
            f = walks.get(i).addStep(f, q2x, q2yNegated, xP, yP);
        }
        return f;
    }

    static Fp12 finalExponentiation(Fp12 f) {
        return hardPart(easyPart(f));
    }

    /** f^((p^6 - 1)(p^2 + 1)): the result lies in the cyclotomic subgroup, where inverse = conjugate. */
    static Fp12 easyPart(Fp12 f) {
        Fp12 t = f.conjugate().multiply(f.inverse()); // f^(p^6 - 1)
        return t.frobenius(2).multiply(t); // ^(p^2 + 1)
    }

    /**
     * f^((p^4 - p^2 + 1) / r) for f in the cyclotomic subgroup, from the exponent written in base p
     * with coefficients that are polynomials in u: l0 + l1 p + l2 p^2 + p^3, where
     * l0 = -36u^3 - 30u^2 - 18u - 2, l1 = -36u^3 - 18u^2 - 12u + 1, l2 = 6u^2 + 1. Three
     * exponentiations by u (64 bits) replace one by the 762-bit exponent.
     */
    static Fp12 hardPart(Fp12 f) {
        Fp12 fu = f.cyclotomicPow(U);
        Fp12 fu2 = fu.cyclotomicPow(U);
        Fp12 fu3 = fu2.cyclotomicPow(U);
        Fp12 fu3To36 = power(fu3, 36);
        // in the cyclotomic subgroup, x^-1 = conjugate(x)
        Fp12 l0 = fu3To36.multiply(power(fu2, 30)).multiply(power(fu, 18)).multiply(f.cyclotomicSquare())
                .conjugate();
        Fp12 l1 = fu3To36.multiply(power(fu2, 18)).multiply(power(fu, 12)).conjugate().multiply(f);
        Fp12 l2 = power(fu2, 6).multiply(f);
        return l0.multiply(l1.frobenius(1)).multiply(l2.frobenius(2)).multiply(f.frobenius(3));
    }

    private static Fp12 power(Fp12 cyclotomic, long exponent) {
        return cyclotomic.cyclotomicPow(BigInteger.valueOf(exponent));
    }

    /**
     * The running point T of the Miller loop on the twist, in Jacobian coordinates (no inversions).
     *
     * <p>A line of slope lambda through a twist point (x, y), carried to the curve over Fp12 and
     * evaluated at P, is {@code yP - lambda xP w + (lambda x - y) w^3}. Each step multiplies it by
     * the denominator of lambda (an Fp2 factor: like any element of Fp6, the final exponentiation
     * maps it to one), which leaves three Fp2 coefficients {@code g0 + g1 w + g3 w^3}. Vertical
     * lines are left out for the same reason.
     */
    private static final class TwistWalk {
        private Fp2 x;
        private Fp2 y;
        private Fp2 z;

        TwistWalk(Fp2 x, Fp2 y) {
            this.x = x;
            this.y = y;
            this.z = Fp2.ONE;
        }

        /** T = 2T; returns f times the tangent at the old T, evaluated at P. */
        Fp12 doubleStep(Fp12 f, Fp xP, Fp yP) {
            if (z.isZero() || y.isZero()) {
                z = Fp2.ZERO;
                return f;
            }
            // dbl-2009-l; lambda = 3X^2 / (2YZ), scaled by 2YZ^3 = Z3 Z^2
            Fp2 a = x.square();
            Fp2 b = y.square();
            Fp2 c = b.square();
            Fp2 d = x.add(b).square().subtract(a).subtract(c);
            d = d.add(d);
            Fp2 e = a.add(a).add(a);
            Fp2 zz = z.square();
            Fp2 x3 = e.square().subtract(d.add(d));
            Fp2 c8 = c.add(c);
            c8 = c8.add(c8);
            c8 = c8.add(c8);
            Fp2 y3 = e.multiply(d.subtract(x3)).subtract(c8);
            Fp2 z3 = y.multiply(z);
            z3 = z3.add(z3);

            Fp2 g0 = z3.multiply(zz).multiply(yP);
            Fp2 g1 = e.multiply(zz).multiply(xP).negate();
            Fp2 g3 = e.multiply(x).subtract(b.add(b));
            x = x3;
            y = y3;
            z = z3;
            return f.multiplyByLine(g0, g1, g3);
        }

        /** T = T + (qx, qy); returns f times the line through both, evaluated at P. */
        Fp12 addStep(Fp12 f, Fp2 qx, Fp2 qy, Fp xP, Fp yP) {
            if (z.isZero()) {
                x = qx;
                y = qy;
                z = Fp2.ONE;
                return f;
            }
            // madd-2007-bl; lambda = (yq Z^3 - Y) / (Z (xq Z^2 - X)) = (r/2) / (Z3/2)
            Fp2 z1z1 = z.square();
            Fp2 u2 = qx.multiply(z1z1);
            Fp2 s2 = qy.multiply(z).multiply(z1z1);
            Fp2 h = u2.subtract(x);
            Fp2 r = s2.subtract(y);
            if (h.isZero()) {
                if (r.isZero()) {
                    return doubleStep(f, xP, yP);
                }
                z = Fp2.ZERO; // T = -Q: a vertical line
                return f;
            }
            r = r.add(r);
            Fp2 hh = h.square();
            Fp2 i = hh.add(hh);
            i = i.add(i);
            Fp2 j = h.multiply(i);
            Fp2 v = x.multiply(i);
            Fp2 x3 = r.square().subtract(j).subtract(v.add(v));
            Fp2 yj = y.multiply(j);
            Fp2 y3 = r.multiply(v.subtract(x3)).subtract(yj.add(yj));
            Fp2 z3 = z.add(h).square().subtract(z1z1).subtract(hh);

            Fp2 g0 = z3.multiply(yP);
            Fp2 g1 = r.multiply(xP).negate();
            Fp2 g3 = r.multiply(qx).subtract(z3.multiply(qy));
            x = x3;
            y = y3;
            z = z3;
            return f.multiplyByLine(g0, g1, g3);
        }
    }
}
