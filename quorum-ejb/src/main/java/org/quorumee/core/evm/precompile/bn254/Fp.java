package org.quorumee.core.evm.precompile.bn254;

import java.math.BigInteger;

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

    private static final long M0 = MODULUS[0];
    private static final long M1 = MODULUS[1];
    private static final long M2 = MODULUS[2];
    private static final long M3 = MODULUS[3];

    static final Fp ZERO = new Fp(0, 0, 0, 0);
    static final Fp ONE = of(BigInteger.ONE);

    /** The Montgomery form, least significant limb first, always below P. */
    private final long l0;
    private final long l1;
    private final long l2;
    private final long l3;

    private Fp(long l0, long l1, long l2, long l3) {
        this.l0 = l0;
        this.l1 = l1;
        this.l2 = l2;
        this.l3 = l3;
    }

    /** The element {@code value mod P} (any integer, negative ones included). */
    static Fp of(BigInteger value) {
        long[] plain = limbs(value.mod(P));
        return montgomeryMultiply(plain[0], plain[1], plain[2], plain[3],
                R_SQUARED[0], R_SQUARED[1], R_SQUARED[2], R_SQUARED[3]);
    }

    static Fp of(long value) {
        return of(BigInteger.valueOf(value));
    }

    /** The element as an integer in [0, P). */
    BigInteger toBigInteger() {
        Fp plain = montgomeryMultiply(l0, l1, l2, l3, 1, 0, 0, 0);
        long[] limbs = {plain.l0, plain.l1, plain.l2, plain.l3};
        byte[] bytes = new byte[32];
        for (int i = 0; i < 4; i++) {
            for (int b = 0; b < 8; b++) {
                bytes[31 - 8 * i - b] = (byte) (limbs[i] >>> (8 * b));
            }
        }
        return new BigInteger(1, bytes);
    }

    @Override
    public Fp add(Fp o) {
        long s0 = l0 + o.l0;
        long c = Long.compareUnsigned(s0, l0) < 0 ? 1 : 0;
        long s1 = l1 + o.l1;
        long c1 = Long.compareUnsigned(s1, l1) < 0 ? 1 : 0;
        s1 += c;
        c = c1 | (Long.compareUnsigned(s1, c) < 0 ? 1 : 0);
        long s2 = l2 + o.l2;
        long c2 = Long.compareUnsigned(s2, l2) < 0 ? 1 : 0;
        s2 += c;
        c = c2 | (Long.compareUnsigned(s2, c) < 0 ? 1 : 0);
        long s3 = l3 + o.l3 + c; // P < 2^254: no carry out of the top limb
        return reduceOnce(s0, s1, s2, s3);
    }

    @Override
    public Fp subtract(Fp o) {
        long d0 = l0 - o.l0;
        long b = Long.compareUnsigned(l0, o.l0) < 0 ? 1 : 0;
        long d1 = l1 - o.l1 - b;
        b = (Long.compareUnsigned(l1, o.l1) < 0 || (l1 == o.l1 && b == 1)) ? 1 : 0;
        long d2 = l2 - o.l2 - b;
        b = (Long.compareUnsigned(l2, o.l2) < 0 || (l2 == o.l2 && b == 1)) ? 1 : 0;
        long d3 = l3 - o.l3 - b;
        b = (Long.compareUnsigned(l3, o.l3) < 0 || (l3 == o.l3 && b == 1)) ? 1 : 0;
        if (b == 0) {
            return new Fp(d0, d1, d2, d3);
        }
        // went below zero: add P back (the carry out of the top limb cancels the borrow)
        long s0 = d0 + M0;
        long c = Long.compareUnsigned(s0, d0) < 0 ? 1 : 0;
        long s1 = d1 + M1;
        long c1 = Long.compareUnsigned(s1, d1) < 0 ? 1 : 0;
        s1 += c;
        c = c1 | (Long.compareUnsigned(s1, c) < 0 ? 1 : 0);
        long s2 = d2 + M2;
        long c2 = Long.compareUnsigned(s2, d2) < 0 ? 1 : 0;
        s2 += c;
        c = c2 | (Long.compareUnsigned(s2, c) < 0 ? 1 : 0);
        return new Fp(s0, s1, s2, d3 + M3 + c);
    }

    @Override
    public Fp multiply(Fp o) {
        return montgomeryMultiply(l0, l1, l2, l3, o.l0, o.l1, o.l2, o.l3);
    }

    @Override
    public Fp square() {
        return montgomeryMultiply(l0, l1, l2, l3, l0, l1, l2, l3);
    }

    Fp twice() {
        return add(this);
    }

    @Override
    public Fp negate() {
        return isZero() ? this : ZERO.subtract(this);
    }

    @Override
    public Fp inverse() {
        return isZero() ? this : of(toBigInteger().modInverse(P));
    }

    @Override
    public boolean isZero() {
        return (l0 | l1 | l2 | l3) == 0;
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
     * The running total t stays below 2P * 2^64, so five limbs hold it because P < 2^254.
     */
    private static Fp montgomeryMultiply(long a0, long a1, long a2, long a3, long b0, long b1, long b2, long b3) {
        long t0 = 0;
        long t1 = 0;
        long t2 = 0;
        long t3 = 0;
        long t4 = 0;
        for (int i = 0; i < 4; i++) {
            long bi = i == 0 ? b0 : i == 1 ? b1 : i == 2 ? b2 : b3;
            // t += a * b[i]
            long lo = a0 * bi;
            long hi = unsignedMultiplyHigh(a0, bi);
            t0 += lo;
            long carry = hi + (Long.compareUnsigned(t0, lo) < 0 ? 1 : 0);

            lo = a1 * bi;
            hi = unsignedMultiplyHigh(a1, bi);
            long s = t1 + lo;
            hi += Long.compareUnsigned(s, lo) < 0 ? 1 : 0;
            t1 = s + carry;
            carry = hi + (Long.compareUnsigned(t1, s) < 0 ? 1 : 0);

            lo = a2 * bi;
            hi = unsignedMultiplyHigh(a2, bi);
            s = t2 + lo;
            hi += Long.compareUnsigned(s, lo) < 0 ? 1 : 0;
            t2 = s + carry;
            carry = hi + (Long.compareUnsigned(t2, s) < 0 ? 1 : 0);

            lo = a3 * bi;
            hi = unsignedMultiplyHigh(a3, bi);
            s = t3 + lo;
            hi += Long.compareUnsigned(s, lo) < 0 ? 1 : 0;
            t3 = s + carry;
            carry = hi + (Long.compareUnsigned(t3, s) < 0 ? 1 : 0);

            t4 += carry;

            // t = (t + m * P) / 2^64, with m chosen so that the low limb vanishes
            long m = t0 * P_INVERSE_NEGATED;
            lo = m * M0;
            hi = unsignedMultiplyHigh(m, M0);
            s = t0 + lo;
            carry = hi + (Long.compareUnsigned(s, lo) < 0 ? 1 : 0);

            lo = m * M1;
            hi = unsignedMultiplyHigh(m, M1);
            s = t1 + lo;
            hi += Long.compareUnsigned(s, lo) < 0 ? 1 : 0;
            t0 = s + carry;
            carry = hi + (Long.compareUnsigned(t0, s) < 0 ? 1 : 0);

            lo = m * M2;
            hi = unsignedMultiplyHigh(m, M2);
            s = t2 + lo;
            hi += Long.compareUnsigned(s, lo) < 0 ? 1 : 0;
            t1 = s + carry;
            carry = hi + (Long.compareUnsigned(t1, s) < 0 ? 1 : 0);

            lo = m * M3;
            hi = unsignedMultiplyHigh(m, M3);
            s = t3 + lo;
            hi += Long.compareUnsigned(s, lo) < 0 ? 1 : 0;
            t2 = s + carry;
            carry = hi + (Long.compareUnsigned(t2, s) < 0 ? 1 : 0);

            t3 = t4 + carry;
            t4 = 0;
        }
        return reduceOnce(t0, t1, t2, t3);
    }

    private static long unsignedMultiplyHigh(long x, long y) {
        return Math.multiplyHigh(x, y) + ((x >> 63) & y) + ((y >> 63) & x);
    }

    /** x - P when x >= P, else x (x < 2P). */
    private static Fp reduceOnce(long x0, long x1, long x2, long x3) {
        long d0 = x0 - M0;
        long b = Long.compareUnsigned(x0, M0) < 0 ? 1 : 0;
        long d1 = x1 - M1 - b;
        b = (Long.compareUnsigned(x1, M1) < 0 || (x1 == M1 && b == 1)) ? 1 : 0;
        long d2 = x2 - M2 - b;
        b = (Long.compareUnsigned(x2, M2) < 0 || (x2 == M2 && b == 1)) ? 1 : 0;
        long d3 = x3 - M3 - b;
        b = (Long.compareUnsigned(x3, M3) < 0 || (x3 == M3 && b == 1)) ? 1 : 0;
        return b == 0 ? new Fp(d0, d1, d2, d3) : new Fp(x0, x1, x2, x3);
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
        return o instanceof Fp other && l0 == other.l0 && l1 == other.l1 && l2 == other.l2 && l3 == other.l3;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(l0 ^ l1 ^ l2 ^ l3);
    }

    @Override
    public String toString() {
        return toBigInteger().toString(16);
    }
}
