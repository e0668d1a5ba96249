package org.quorumee.core.evm.precompile.bn254;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * The base field of BN254: integers modulo the 254-bit prime {@link #P}. Immutable.
 *
 * <p>An element is kept in Montgomery form, {@code a * 2^256 mod P}, as four 64-bit limbs (least
 * significant first), so that a product costs sixteen 64x64-bit multiplications and a
 * word-by-word reduction instead of a {@link BigInteger} division.
 */
final class Fp implements FieldElement<Fp> {
    static final BigInteger P = new BigInteger(
            "21888242871839275222246405745257275088696311157297823662689037894645226208583");
    private static final long[] MODULUS = limbs(P);
    /** -P^-1 mod 2^64, for the Montgomery reduction. */
    private static final long P_INVERSE_NEGATED =
            BigInteger.ONE.shiftLeft(64).subtract(P.modInverse(BigInteger.ONE.shiftLeft(64))).longValue();
    /** 2^512 mod P: multiplying by it (Montgomery) converts into Montgomery form. */
    private static final long[] R_SQUARED = limbs(BigInteger.ONE.shiftLeft(512).mod(P));

    static final Fp ZERO = new Fp(new long[4]);
    static final Fp ONE = of(BigInteger.ONE);

    /** The Montgomery form, little-endian limbs, always below P. */
    private final long[] limbs;

    private Fp(long[] limbs) {
        this.limbs = limbs;
    }

    /** The element {@code value mod P} (any integer, negative ones included). */
    static Fp of(BigInteger value) {
        return new Fp(montgomeryMultiply(limbs(value.mod(P)), R_SQUARED));
    }

    static Fp of(long value) {
        return of(BigInteger.valueOf(value));
    }

    /** The element as an integer in [0, P). */
    BigInteger toBigInteger() {
        long[] plain = montgomeryMultiply(limbs, new long[] {1, 0, 0, 0});
        byte[] bytes = new byte[32];
        for (int i = 0; i < 4; i++) {
            for (int b = 0; b < 8; b++) {
                bytes[31 - 8 * i - b] = (byte) (plain[i] >>> (8 * b));
            }
        }
        return new BigInteger(1, bytes);
    }

    @Override
    public Fp add(Fp other) {
        long[] sum = new long[4];
        long carry = 0;
        for (int i = 0; i < 4; i++) {
            long s = limbs[i] + other.limbs[i];
            long c = Long.compareUnsigned(s, limbs[i]) < 0 ? 1 : 0;
            sum[i] = s + carry;
            carry = c | (Long.compareUnsigned(sum[i], s) < 0 ? 1 : 0);
        }
        // P < 2^254, so the sum fits in 256 bits: one conditional subtraction suffices.
        return new Fp(reduceOnce(sum));
    }

    @Override
    public Fp subtract(Fp other) {
        long[] difference = new long[4];
        long borrow = subtract(limbs, other.limbs, difference);
        if (borrow != 0) {
            addInPlace(difference, MODULUS);
        }
        return new Fp(difference);
    }

    @Override
    public Fp multiply(Fp other) {
        return new Fp(montgomeryMultiply(limbs, other.limbs));
    }

    @Override
    public Fp square() {
        return new Fp(montgomeryMultiply(limbs, limbs));
    }

    Fp twice() {
        return add(this);
    }

    @Override
    public Fp negate() {
        if (isZero()) {
            return this;
        }
        long[] out = new long[4];
        subtract(MODULUS, limbs, out);
        return new Fp(out);
    }

    @Override
    public Fp inverse() {
        return isZero() ? this : of(toBigInteger().modInverse(P));
    }

    @Override
    public boolean isZero() {
        return (limbs[0] | limbs[1] | limbs[2] | limbs[3]) == 0;
    }

    @Override
    public Fp zero() {
        return ZERO;
    }

    @Override
    public Fp one() {
        return ONE;
    }

    /**
     * a * b / 2^256 mod P (CIOS: coarsely integrated operand scanning), inputs and output below P.
     */
    private static long[] montgomeryMultiply(long[] a, long[] b) {
        long t0 = 0;
        long t1 = 0;
        long t2 = 0;
        long t3 = 0;
        long t4 = 0;
        for (int i = 0; i < 4; i++) {
            long bi = b[i];
            // t += a * b[i]
            long lo = a[0] * bi;
            long hi = unsignedMultiplyHigh(a[0], bi);
            t0 += lo;
            long carry = hi + (Long.compareUnsigned(t0, lo) < 0 ? 1 : 0);

            lo = a[1] * bi;
            hi = unsignedMultiplyHigh(a[1], bi);
            long s = t1 + lo;
            hi += Long.compareUnsigned(s, lo) < 0 ? 1 : 0;
            t1 = s + carry;
            carry = hi + (Long.compareUnsigned(t1, s) < 0 ? 1 : 0);

            lo = a[2] * bi;
            hi = unsignedMultiplyHigh(a[2], bi);
            s = t2 + lo;
            hi += Long.compareUnsigned(s, lo) < 0 ? 1 : 0;
            t2 = s + carry;
            carry = hi + (Long.compareUnsigned(t2, s) < 0 ? 1 : 0);

            lo = a[3] * bi;
            hi = unsignedMultiplyHigh(a[3], bi);
            s = t3 + lo;
            hi += Long.compareUnsigned(s, lo) < 0 ? 1 : 0;
            t3 = s + carry;
            carry = hi + (Long.compareUnsigned(t3, s) < 0 ? 1 : 0);

            t4 += carry; // t < 2P * 2^64 stays within five limbs because P < 2^254

            // t = (t + m * P) / 2^64, with m chosen so that the low limb vanishes
            long m = t0 * P_INVERSE_NEGATED;
            lo = m * MODULUS[0];
            hi = unsignedMultiplyHigh(m, MODULUS[0]);
            s = t0 + lo;
            carry = hi + (Long.compareUnsigned(s, lo) < 0 ? 1 : 0);

            lo = m * MODULUS[1];
            hi = unsignedMultiplyHigh(m, MODULUS[1]);
            s = t1 + lo;
            hi += Long.compareUnsigned(s, lo) < 0 ? 1 : 0;
            t0 = s + carry;
            carry = hi + (Long.compareUnsigned(t0, s) < 0 ? 1 : 0);

            lo = m * MODULUS[2];
            hi = unsignedMultiplyHigh(m, MODULUS[2]);
            s = t2 + lo;
            hi += Long.compareUnsigned(s, lo) < 0 ? 1 : 0;
            t1 = s + carry;
            carry = hi + (Long.compareUnsigned(t1, s) < 0 ? 1 : 0);

            lo = m * MODULUS[3];
            hi = unsignedMultiplyHigh(m, MODULUS[3]);
            s = t3 + lo;
            hi += Long.compareUnsigned(s, lo) < 0 ? 1 : 0;
            t2 = s + carry;
            carry = hi + (Long.compareUnsigned(t2, s) < 0 ? 1 : 0);

            t3 = t4 + carry;
            t4 = Long.compareUnsigned(t3, carry) < 0 ? 1 : 0;
        }
        return reduceOnce(new long[] {t0, t1, t2, t3});
    }

    private static long unsignedMultiplyHigh(long x, long y) {
        return Math.multiplyHigh(x, y) + ((x >> 63) & y) + ((y >> 63) & x);
    }

    /** x - P when x >= P, else x (x < 2P). */
    private static long[] reduceOnce(long[] x) {
        long[] reduced = new long[4];
        return subtract(x, MODULUS, reduced) == 0 ? reduced : x;
    }

    /** out = x - y; returns the borrow (1 when x < y). */
    private static long subtract(long[] x, long[] y, long[] out) {
        long borrow = 0;
        for (int i = 0; i < 4; i++) {
            long d = x[i] - y[i];
            long b = Long.compareUnsigned(x[i], y[i]) < 0 ? 1 : 0;
            out[i] = d - borrow;
            borrow = b | (Long.compareUnsigned(d, borrow) < 0 ? 1 : 0);
        }
        return borrow;
    }

    /** x += y, modulo 2^256. */
    private static void addInPlace(long[] x, long[] y) {
        long carry = 0;
        for (int i = 0; i < 4; i++) {
            long s = x[i] + y[i];
            long c = Long.compareUnsigned(s, x[i]) < 0 ? 1 : 0;
            x[i] = s + carry;
            carry = c | (Long.compareUnsigned(x[i], s) < 0 ? 1 : 0);
        }
    }

    private static long[] limbs(BigInteger value) {
        long[] out = new long[4];
        for (int i = 0; i < 4; i++) {
            out[i] = value.shiftRight(64 * i).longValue();
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Fp other && Arrays.equals(limbs, other.limbs);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(limbs);
    }

    @Override
    public String toString() {
        return toBigInteger().toString(16);
    }
}
