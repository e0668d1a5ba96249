package org.quorumee.core.evm.precompile.bn254;

import java.math.BigInteger;

/** The base field of BN254: integers modulo the 254-bit prime {@link #P}. Immutable. */
final class Fp implements FieldElement<Fp> {
    static final BigInteger P = new BigInteger(
            "21888242871839275222246405745257275088696311157297823662689037894645226208583");
    static final Fp ZERO = new Fp(BigInteger.ZERO);
    static final Fp ONE = new Fp(BigInteger.ONE);

    final BigInteger value;

    private Fp(BigInteger value) {
        this.value = value;
    }

    /** The element {@code value mod P} (any integer, negative ones included). */
    static Fp of(BigInteger value) {
        return new Fp(value.mod(P));
    }

    static Fp of(long value) {
        return of(BigInteger.valueOf(value));
    }

    @Override
    public Fp add(Fp other) {
        BigInteger sum = value.add(other.value);
        return new Fp(sum.compareTo(P) >= 0 ? sum.subtract(P) : sum);
    }

    @Override
    public Fp subtract(Fp other) {
        BigInteger difference = value.subtract(other.value);
        return new Fp(difference.signum() < 0 ? difference.add(P) : difference);
    }

    @Override
    public Fp multiply(Fp other) {
        return new Fp(value.multiply(other.value).mod(P));
    }

    @Override
    public Fp square() {
        return multiply(this);
    }

    @Override
    public Fp negate() {
        return value.signum() == 0 ? this : new Fp(P.subtract(value));
    }

    @Override
    public Fp inverse() {
        return value.signum() == 0 ? this : new Fp(value.modInverse(P));
    }

    @Override
    public boolean isZero() {
        return value.signum() == 0;
    }

    @Override
    public Fp zero() {
        return ZERO;
    }

    @Override
    public Fp one() {
        return ONE;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Fp other && value.equals(other.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return value.toString(16);
    }
}
