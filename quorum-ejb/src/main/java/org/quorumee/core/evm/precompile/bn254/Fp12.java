package org.quorumee.core.evm.precompile.bn254;

import java.math.BigInteger;

/**
 * The field of the pairing's values, Fp6[w]/(w^2 - v): elements {@code c0 + c1 w}. Seen from
 * Fp2, w is a sixth root of xi (w^6 = xi), and an element is {@code sum g_j w^j} for j = 0..5
 * with c0 = g0 + g2 v + g4 v^2 and c1 = g1 + g3 v + g5 v^2. Immutable.
 */
final class Fp12 {
    static final Fp12 ONE = new Fp12(Fp6.ONE, Fp6.ZERO);

    /** FROBENIUS[k - 1][j] = w^(j (p^k - 1)) = xi^(j (p^k - 1) / 6), for k = 1, 2, 3. */
    private static final Fp2[][] FROBENIUS = frobeniusCoefficients();

    final Fp6 c0;
    final Fp6 c1;

    Fp12(Fp6 c0, Fp6 c1) {
        this.c0 = c0;
        this.c1 = c1;
    }

    Fp12 multiply(Fp12 o) {
        Fp6 t0 = c0.multiply(o.c0);
        Fp6 t1 = c1.multiply(o.c1);
        Fp6 cross = c0.add(c1).multiply(o.c0.add(o.c1)).subtract(t0).subtract(t1);
        return new Fp12(t0.add(t1.multiplyByV()), cross);
    }

    /**
     * This times the sparse element {@code g0 + g1 w + g3 w^3}, i.e. c0 = (g0, 0, 0) and
     * c1 = (g1, g3, 0): the shape of a Miller loop line.
     */
    Fp12 multiplyByLine(Fp2 g0, Fp2 g1, Fp2 g3) {
        Fp6 t0 = c0.multiply(g0);
        Fp6 t1 = c1.multiplyBy01(g1, g3);
        Fp6 cross = c0.add(c1).multiplyBy01(g0.add(g1), g3).subtract(t0).subtract(t1);
        return new Fp12(t0.add(t1.multiplyByV()), cross);
    }

    Fp12 square() {
        // (a + b w)^2 = (a + b)(a + v b) - ab - v ab + 2ab w
        Fp6 ab = c0.multiply(c1);
        Fp6 real = c0.add(c1).multiply(c0.add(c1.multiplyByV())).subtract(ab).subtract(ab.multiplyByV());
        return new Fp12(real, ab.add(ab));
    }

    /**
     * The square of an element of the cyclotomic subgroup (any output of the final exponentiation's
     * easy part), after Granger and Scott: seen as {@code A0 + A1 w + A2 w^2} over
     * Fp4 = Fp2[s]/(s^2 - xi) with s = w^3, the square is
     * {@code (3 A0^2 - 2 conj(A0)) + (3 s A2^2 + 2 conj(A1)) w + (3 A1^2 - 2 conj(A2)) w^2},
     * where conj negates the s part: nine Fp2 squarings instead of twelve Fp2 products.
     */
    Fp12 cyclotomicSquare() {
        Fp2 g0 = c0.c0;
        Fp2 g2 = c0.c1;
        Fp2 g4 = c0.c2;
        Fp2 g1 = c1.c0;
        Fp2 g3 = c1.c1;
        Fp2 g5 = c1.c2;
        // A0 = g0 + g3 s, A1 = g1 + g4 s, A2 = g2 + g5 s
        Fp2[] a0 = fp4Square(g0, g3);
        Fp2[] a1 = fp4Square(g1, g4);
        Fp2[] a2 = fp4Square(g2, g5);
        Fp2 n0 = thrice(a0[0]).subtract(g0.add(g0));
        Fp2 n3 = thrice(a0[1]).add(g3.add(g3));
        Fp2 n1 = thrice(a2[1].multiplyByXi()).add(g1.add(g1));
        Fp2 n4 = thrice(a2[0]).subtract(g4.add(g4));
        Fp2 n2 = thrice(a1[0]).subtract(g2.add(g2));
        Fp2 n5 = thrice(a1[1]).add(g5.add(g5));
        return new Fp12(new Fp6(n0, n2, n4), new Fp6(n1, n3, n5));
    }

    /** (g + h s)^2 = (g^2 + xi h^2) + ((g + h)^2 - g^2 - h^2) s, as {real, s part}. */
    private static Fp2[] fp4Square(Fp2 g, Fp2 h) {
        Fp2 gg = g.square();
        Fp2 hh = h.square();
        return new Fp2[] {gg.add(hh.multiplyByXi()), g.add(h).square().subtract(gg).subtract(hh)};
    }

    private static Fp2 thrice(Fp2 x) {
        return x.add(x).add(x);
    }

    /**
     * This to a non-negative power, for an element of the cyclotomic subgroup: there the inverse
     * is the conjugate, so the ladder walks the exponent's non-adjacent form.
     */
    Fp12 cyclotomicPow(BigInteger exponent) {
        byte[] digits = NonAdjacentForm.of(exponent);
        if (digits.length == 0) {
            return ONE;
        }
        Fp12 inverse = conjugate();
        Fp12 result = this; // the leading digit is 1
        for (int i = digits.length - 2; i >= 0; i--) {
            result = result.cyclotomicSquare();
            if (digits[i] == 1) {
                result = result.multiply(this);
            } else if (digits[i] == -1) {
                result = result.multiply(inverse);
            }
        }
        return result;
    }

    /** x^(p^6): negates the w part. On the cyclotomic subgroup (after the easy part) it is the inverse. */
    Fp12 conjugate() {
        return new Fp12(c0, c1.negate());
    }

    Fp12 inverse() {
        Fp6 normInverse = c0.square().subtract(c1.square().multiplyByV()).inverse();
        return new Fp12(c0.multiply(normInverse), c1.multiply(normInverse).negate());
    }

    Fp12 pow(BigInteger exponent) {
        Fp12 result = ONE;
        for (int bit = exponent.bitLength() - 1; bit >= 0; bit--) {
            result = result.square();
            if (exponent.testBit(bit)) {
                result = result.multiply(this);
            }
        }
        return result;
    }

    /** x^(p^k) for k = 1, 2 or 3. */
    Fp12 frobenius(int k) {
        Fp2[] gamma = FROBENIUS[k - 1];
        boolean conjugate = (k & 1) == 1;
        Fp2[] g = {c0.c0, c1.c0, c0.c1, c1.c1, c0.c2, c1.c2};
        for (int j = 0; j < 6; j++) {
            g[j] = (conjugate ? g[j].conjugate() : g[j]).multiply(gamma[j]);
        }
        return new Fp12(new Fp6(g[0], g[2], g[4]), new Fp6(g[1], g[3], g[5]));
    }

    /** Frobenius coefficient gamma_k^j = xi^(j (p^k - 1) / 6) used for G2's Frobenius too. */
    static Fp2 frobeniusCoefficient(int k, int j) {
        return FROBENIUS[k - 1][j];
    }

    boolean isOne() {
        return equals(ONE);
    }

    private static Fp2[][] frobeniusCoefficients() {
        Fp2[][] table = new Fp2[3][6];
        for (int k = 1; k <= 3; k++) {
            BigInteger exponent = Fp.P.pow(k).subtract(BigInteger.ONE).divide(BigInteger.valueOf(6));
            Fp2 gamma = Fp2.XI.pow(exponent);
            Fp2 power = Fp2.ONE;
            for (int j = 0; j < 6; j++) {
                table[k - 1][j] = power;
                power = power.multiply(gamma);
            }
        }
        return table;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Fp12 other && c0.equals(other.c0) && c1.equals(other.c1);
    }

    @Override
    public int hashCode() {
        return 31 * c0.hashCode() + c1.hashCode();
    }
}
