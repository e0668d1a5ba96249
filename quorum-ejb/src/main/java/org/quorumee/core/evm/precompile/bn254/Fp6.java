package org.quorumee.core.evm.precompile.bn254;

/** The cubic extension Fp2[v]/(v^3 - xi): elements {@code c0 + c1 v + c2 v^2}. Immutable. */
final class Fp6 {
    static final Fp6 ZERO = new Fp6(Fp2.ZERO, Fp2.ZERO, Fp2.ZERO);
    static final Fp6 ONE = new Fp6(Fp2.ONE, Fp2.ZERO, Fp2.ZERO);

    final Fp2 c0;
    final Fp2 c1;
    final Fp2 c2;

    Fp6(Fp2 c0, Fp2 c1, Fp2 c2) {
        this.c0 = c0;
        this.c1 = c1;
        this.c2 = c2;
    }

    Fp6 add(Fp6 o) {
        return new Fp6(c0.add(o.c0), c1.add(o.c1), c2.add(o.c2));
    }

    Fp6 subtract(Fp6 o) {
        return new Fp6(c0.subtract(o.c0), c1.subtract(o.c1), c2.subtract(o.c2));
    }

    Fp6 negate() {
        return new Fp6(c0.negate(), c1.negate(), c2.negate());
    }

    Fp6 multiply(Fp6 o) {
        // Karatsuba over the three coefficients; v^3 = xi folds the high terms back.
        Fp2 t0 = c0.multiply(o.c0);
        Fp2 t1 = c1.multiply(o.c1);
        Fp2 t2 = c2.multiply(o.c2);
        Fp2 r0 = c1.add(c2).multiply(o.c1.add(o.c2)).subtract(t1).subtract(t2).multiplyByXi().add(t0);
        Fp2 r1 = c0.add(c1).multiply(o.c0.add(o.c1)).subtract(t0).subtract(t1).add(t2.multiplyByXi());
        Fp2 r2 = c0.add(c2).multiply(o.c0.add(o.c2)).subtract(t0).subtract(t2).add(t1);
        return new Fp6(r0, r1, r2);
    }

    /** This times the Fp2 element {@code k}. */
    Fp6 multiply(Fp2 k) {
        return new Fp6(c0.multiply(k), c1.multiply(k), c2.multiply(k));
    }

    /** This times the sparse {@code b0 + b1 v} (no v^2 term): five Fp2 products instead of six. */
    Fp6 multiplyBy01(Fp2 b0, Fp2 b1) {
        Fp2 t0 = c0.multiply(b0);
        Fp2 t1 = c1.multiply(b1);
        Fp2 r0 = c1.add(c2).multiply(b1).subtract(t1).multiplyByXi().add(t0);
        Fp2 r1 = c0.add(c1).multiply(b0.add(b1)).subtract(t0).subtract(t1);
        Fp2 r2 = c0.add(c2).multiply(b0).subtract(t0).add(t1);
        return new Fp6(r0, r1, r2);
    }

    Fp6 square() {
        return multiply(this);
    }

    /** Multiplication by v: (c0 + c1 v + c2 v^2) v = xi c2 + c0 v + c1 v^2. */
    Fp6 multiplyByV() {
        return new Fp6(c2.multiplyByXi(), c0, c1);
    }

    Fp6 inverse() {
        Fp2 t0 = c0.square().subtract(c1.multiply(c2).multiplyByXi());
        Fp2 t1 = c2.square().multiplyByXi().subtract(c0.multiply(c1));
        Fp2 t2 = c1.square().subtract(c0.multiply(c2));
        Fp2 norm = c0.multiply(t0).add(c2.multiply(t1).add(c1.multiply(t2)).multiplyByXi());
        Fp2 normInverse = norm.inverse();
        return new Fp6(t0.multiply(normInverse), t1.multiply(normInverse), t2.multiply(normInverse));
    }

    boolean isZero() {
        return c0.isZero() && c1.isZero() && c2.isZero();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Fp6 other && c0.equals(other.c0) && c1.equals(other.c1) && c2.equals(other.c2);
    }

    @Override
    public int hashCode() {
        return (31 * c0.hashCode() + c1.hashCode()) * 31 + c2.hashCode();
    }
}
