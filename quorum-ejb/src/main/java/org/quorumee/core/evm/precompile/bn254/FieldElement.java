package org.quorumee.core.evm.precompile.bn254;

/** An element of one of the finite fields the curve points live over (Fp for G1, Fp2 for G2). */
interface FieldElement<F extends FieldElement<F>> {
    F add(F other);

    F subtract(F other);

    F multiply(F other);

    F square();

    F negate();

    /** The multiplicative inverse; the inverse of zero is zero (callers never ask for it). */
    F inverse();

    boolean isZero();

    /** Zero of this element's field. */
    F zero();

    /** One of this element's field. */
    F one();
}
