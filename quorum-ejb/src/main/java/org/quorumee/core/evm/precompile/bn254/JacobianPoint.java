package org.quorumee.core.evm.precompile.bn254;

import java.math.BigInteger;

/**
 * A point of a curve y^2 = x^3 + b (a = 0) in Jacobian coordinates: (X, Y, Z) stands for the
 * affine (X / Z^2, Y / Z^3); Z = 0 is the point at infinity. Immutable. The same code serves G1
 * (over Fp) and G2 (over Fp2).
 */
final class JacobianPoint<F extends FieldElement<F>> {
    final F x;
    final F y;
    final F z;

    private JacobianPoint(F x, F y, F z) {
        this.x = x;
        this.y = y;
        this.z = z;
    }

    static <F extends FieldElement<F>> JacobianPoint<F> affine(F x, F y) {
        return new JacobianPoint<>(x, y, x.one());
    }

    static <F extends FieldElement<F>> JacobianPoint<F> infinity(F anyElement) {
        return new JacobianPoint<>(anyElement.one(), anyElement.one(), anyElement.zero());
    }

    boolean isInfinity() {
        return z.isZero();
    }

    JacobianPoint<F> negate() {
        return new JacobianPoint<>(x, y.negate(), z);
    }

    JacobianPoint<F> twice() {
        if (isInfinity() || y.isZero()) {
            return infinity(x);
        }
        // dbl-2009-l (a = 0)
        F a = x.square();
        F b = y.square();
        F c = b.square();
        F d = x.add(b).square().subtract(a).subtract(c);
        d = d.add(d);
        F e = a.add(a).add(a);
        F f = e.square();
        F x3 = f.subtract(d.add(d));
        F eightC = c.add(c);
        eightC = eightC.add(eightC);
        eightC = eightC.add(eightC);
        F y3 = e.multiply(d.subtract(x3)).subtract(eightC);
        F yz = y.multiply(z);
        return new JacobianPoint<>(x3, y3, yz.add(yz));
    }

    JacobianPoint<F> add(JacobianPoint<F> other) {
        if (isInfinity()) {
            return other;
        }
        if (other.isInfinity()) {
            return this;
        }
        if (other.z.equals(other.z.one())) {
            return addAffine(other.x, other.y);
        }
        // add-2007-bl
        F z1z1 = z.square();
        F z2z2 = other.z.square();
        F u1 = x.multiply(z2z2);
        F u2 = other.x.multiply(z1z1);
        F s1 = y.multiply(other.z).multiply(z2z2);
        F s2 = other.y.multiply(z).multiply(z1z1);
        F h = u2.subtract(u1);
        F r = s2.subtract(s1);
        if (h.isZero()) {
            return r.isZero() ? twice() : infinity(x);
        }
        r = r.add(r);
        F i = h.add(h).square();
        F j = h.multiply(i);
        F v = u1.multiply(i);
        F x3 = r.square().subtract(j).subtract(v.add(v));
        F s1j = s1.multiply(j);
        F y3 = r.multiply(v.subtract(x3)).subtract(s1j.add(s1j));
        F z3 = z.add(other.z).square().subtract(z1z1).subtract(z2z2).multiply(h);
        return new JacobianPoint<>(x3, y3, z3);
    }

    /** This plus the finite affine point (ax, ay): madd-2007-bl, four multiplications fewer. */
    private JacobianPoint<F> addAffine(F ax, F ay) {
        F z1z1 = z.square();
        F u2 = ax.multiply(z1z1);
        F s2 = ay.multiply(z).multiply(z1z1);
        F h = u2.subtract(x);
        F r = s2.subtract(y);
        if (h.isZero()) {
            return r.isZero() ? twice() : infinity(x);
        }
        r = r.add(r);
        F hh = h.square();
        F i = hh.add(hh);
        i = i.add(i);
        F j = h.multiply(i);
        F v = x.multiply(i);
        F x3 = r.square().subtract(j).subtract(v.add(v));
        F yj = y.multiply(j);
        F y3 = r.multiply(v.subtract(x3)).subtract(yj.add(yj));
        F z3 = z.add(h).square().subtract(z1z1).subtract(hh);
        return new JacobianPoint<>(x3, y3, z3);
    }

    /**
     * {@code scalar} times this point (scalar >= 0; inputs are public, so no constant time). Walks
     * the non-adjacent form of the scalar: a third of its digits are non-zero on average against
     * half of its bits, and subtracting a point costs no more than adding it.
     */
    JacobianPoint<F> multiply(BigInteger scalar) {
        byte[] digits = NonAdjacentForm.of(scalar);
        JacobianPoint<F> negated = negate();
        JacobianPoint<F> result = infinity(x);
        for (int i = digits.length - 1; i >= 0; i--) {
            result = result.twice();
            if (digits[i] == 1) {
                result = result.add(this);
            } else if (digits[i] == -1) {
                result = result.add(negated);
            }
        }
        return result;
    }

    /** Whether this is the finite point (ax, ay), compared without an inversion. */
    boolean isAffinePoint(F ax, F ay) {
        if (isInfinity()) {
            return false;
        }
        F zz = z.square();
        return x.equals(ax.multiply(zz)) && y.equals(ay.multiply(zz).multiply(z));
    }

    /** The same point with Z = 1 (or the point at infinity unchanged). */
    JacobianPoint<F> toAffine() {
        if (isInfinity() || z.equals(z.one())) {
            return this;
        }
        F zInverse = z.inverse();
        F zInverse2 = zInverse.square();
        return new JacobianPoint<>(x.multiply(zInverse2), y.multiply(zInverse2).multiply(zInverse), z.one());
    }
}
