package org.quorumee.core.evm.precompile.bn254;

import java.math.BigInteger;

/**
 * The quadratic extension Fp[i]/(i^2 + 1): elements {@code c0 + c1 i}. The field of G2's
 * coordinates and the bottom of the Fp12 tower. Immutable.
 */
final class Fp2 implements FieldElement<Fp2> {
    private static final BigInteger P = Fp.P;
    static final Fp2 ZERO = new Fp2(BigInteger.ZERO, BigInteger.ZERO);
    static final Fp2 ONE = new Fp2(BigInteger.ONE, BigInteger.ZERO);
    /** The non-residue xi = 9 + i that builds Fp6 and defines the twist. */
    static final Fp2 XI = new Fp2(BigInteger.valueOf(9), BigInteger.ONE);

    final BigInteger c0;
    final BigInteger c1;

    private Fp2(BigInteger c0, BigInteger c1) {
        this.c0 = c0;
        this.c1 = c1;
    }

    /** {@code c0 + c1 i}, each reduced modulo P. */
    static Fp2 of(BigInteger c0, BigInteger c1) {
        return new Fp2(c0.mod(P), c1.mod(P));
    }

    static Fp2 of(Fp real) {
        return new Fp2(real.value, BigInteger.ZERO);
    }

    @Override
    public Fp2 add(Fp2 o) {
        return new Fp2(reduceOnce(c0.add(o.c0)), reduceOnce(c1.add(o.c1)));
    }

    @Override
    public Fp2 subtract(Fp2 o) {
        return new Fp2(lift(c0.subtract(o.c0)), lift(c1.subtract(o.c1)));
    }

    @Override
    public Fp2 multiply(Fp2 o) {
        // Karatsuba: three products, one reduction per coordinate.
        BigInteger v0 = c0.multiply(o.c0);
        BigInteger v1 = c1.multiply(o.c1);
        BigInteger cross = c0.add(c1).multiply(o.c0.add(o.c1));
        return new Fp2(v0.subtract(v1).mod(P), cross.subtract(v0).subtract(v1).mod(P));
    }

    @Override
    public Fp2 square() {
        // (a + b i)^2 = (a + b)(a - b) + 2ab i
        BigInteger real = c0.add(c1).multiply(c0.subtract(c1)).mod(P);
        BigInteger imaginary = c0.multiply(c1).shiftLeft(1).mod(P);
        return new Fp2(real, imaginary);
    }

    Fp2 multiply(BigInteger scalar) {
        return new Fp2(c0.multiply(scalar).mod(P), c1.multiply(scalar).mod(P));
    }

    /** Multiplication by xi = 9 + i: (a + b i)(9 + i) = (9a - b) + (a + 9b) i. */
    Fp2 multiplyByXi() {
        BigInteger nine = BigInteger.valueOf(9);
        return new Fp2(c0.multiply(nine).subtract(c1).mod(P), c0.add(c1.multiply(nine)).mod(P));
    }

    @Override
    public Fp2 negate() {
        return new Fp2(negate(c0), negate(c1));
    }

    /** The Frobenius map x -> x^p, which on Fp2 is complex conjugation. */
    Fp2 conjugate() {
        return new Fp2(c0, negate(c1));
    }

    @Override
    public Fp2 inverse() {
        if (isZero()) {
            return this;
        }
        BigInteger normInverse = c0.multiply(c0).add(c1.multiply(c1)).mod(P).modInverse(P);
        return new Fp2(c0.multiply(normInverse).mod(P), negate(c1.multiply(normInverse).mod(P)));
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
        return c0.signum() == 0 && c1.signum() == 0;
    }

    @Override
    public Fp2 zero() {
        return ZERO;
    }

    @Override
    public Fp2 one() {
        return ONE;
    }

    private static BigInteger reduceOnce(BigInteger sum) {
        return sum.compareTo(P) >= 0 ? sum.subtract(P) : sum;
    }

    private static BigInteger lift(BigInteger difference) {
        return difference.signum() < 0 ? difference.add(P) : difference;
    }

    private static BigInteger negate(BigInteger value) {
        return value.signum() == 0 ? value : P.subtract(value);
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
        return c0.toString(16) + " + " + c1.toString(16) + "i";
    }
}
