package org.quorumee.core.evm.precompile.bn254;

import java.math.BigInteger;

/**
 * The quadratic extension Fp[i]/(i^2 + 1): elements {@code c0 + c1 i}. The field of G2's
 * coordinates and the bottom of the Fp12 tower. Immutable.
 */
final class Fp2 implements FieldElement<Fp2> {
    static final Fp2 ZERO = new Fp2(Fp.ZERO, Fp.ZERO);
    static final Fp2 ONE = new Fp2(Fp.ONE, Fp.ZERO);
    /** The non-residue xi = 9 + i that builds Fp6 and defines the twist. */
    static final Fp2 XI = of(BigInteger.valueOf(9), BigInteger.ONE);

    final Fp c0;
    final Fp c1;

    Fp2(Fp c0, Fp c1) {
        this.c0 = c0;
        this.c1 = c1;
    }

    /** {@code c0 + c1 i}, each reduced modulo P. */
    static Fp2 of(BigInteger c0, BigInteger c1) {
        return new Fp2(Fp.of(c0), Fp.of(c1));
    }

    static Fp2 of(Fp real) {
        return new Fp2(real, Fp.ZERO);
    }

    @Override
    public Fp2 add(Fp2 o) {
        return new Fp2(c0.add(o.c0), c1.add(o.c1));
    }

    @Override
    public Fp2 subtract(Fp2 o) {
        return new Fp2(c0.subtract(o.c0), c1.subtract(o.c1));
    }

    @Override
    public Fp2 multiply(Fp2 o) {
        // Karatsuba: three products instead of four.
        Fp v0 = c0.multiply(o.c0);
        Fp v1 = c1.multiply(o.c1);
        Fp cross = c0.add(c1).multiply(o.c0.add(o.c1));
        return new Fp2(v0.subtract(v1), cross.subtract(v0).subtract(v1));
    }

    @Override
    public Fp2 square() {
        // (a + b i)^2 = (a + b)(a - b) + 2ab i
        return new Fp2(c0.add(c1).multiply(c0.subtract(c1)), c0.multiply(c1).twice());
    }

    Fp2 multiply(Fp scalar) {
        return new Fp2(c0.multiply(scalar), c1.multiply(scalar));
    }

    /** Multiplication by xi = 9 + i: (a + b i)(9 + i) = (9a - b) + (a + 9b) i. */
    Fp2 multiplyByXi() {
        return new Fp2(timesNine(c0).subtract(c1), c0.add(timesNine(c1)));
    }

    private static Fp timesNine(Fp a) {
        return a.twice().twice().twice().add(a);
    }

    @Override
    public Fp2 negate() {
        return new Fp2(c0.negate(), c1.negate());
    }

    /** The Frobenius map x -> x^p, which on Fp2 is complex conjugation. */
    Fp2 conjugate() {
        return new Fp2(c0, c1.negate());
    }

    @Override
    public Fp2 inverse() {
        if (isZero()) {
            return this;
        }
        Fp normInverse = c0.square().add(c1.square()).inverse();
        return new Fp2(c0.multiply(normInverse), c1.multiply(normInverse).negate());
    }

    Fp2 pow(BigInteger exponent) {
        Fp2 result = ONE;
        for (int bit = exponent.bitLength() - 1; bit >= 0; bit--) {
            result = result.square();
            if (exponent.testBit(bit)) {
                result = result.multiply(this);
            }
        }
        return result;
    }

    @Override
    public boolean isZero() {
        return c0.isZero() && c1.isZero();
    }

    @Override
    public Fp2 zero() {
        return ZERO;
    }

    @Override
    public Fp2 one() {
        return ONE;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Fp2 other && c0.equals(other.c0) && c1.equals(other.c1);
    }

    @Override
    public int hashCode() {
        return 31 * c0.hashCode() + c1.hashCode();
    }

    @Override
    public String toString() {
        return c0 + " + " + c1 + "i";
    }
}
