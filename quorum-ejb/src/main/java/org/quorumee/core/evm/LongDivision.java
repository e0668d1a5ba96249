package org.quorumee.core.evm;

/**
 * Unsigned division of multi-limb numbers (Knuth, TAOCP vol. 2, 4.3.1, algorithm D) on 32-bit
 * limbs, least significant first. Serves DIV, MOD, ADDMOD and MULMOD (whose dividends reach 257
 * and 512 bits) without BigInteger.
 */
final class LongDivision {
    private static final long MASK = 0xffffffffL;

    private LongDivision() {
    }

    /** Number of limbs without the leading zero ones. */
    static int length(int[] x, int max) {
        int n = max;
        while (n > 0 && x[n - 1] == 0) {
            n--;
        }
        return n;
    }

    /**
     * The remainder of u / v into {@code r} (n limbs) and the quotient into {@code q} (m - n + 1 limbs,
     * may be null). {@code u} has m limbs, {@code v} has n limbs with v[n-1] != 0 and m >= n.
     */
    static void divide(int[] u, int m, int[] v, int n, int[] q, int[] r) {
        if (n == 1) {
            long divisor = v[0] & MASK;
            long rest = 0;
            for (int j = m - 1; j >= 0; j--) {
                long t = (rest << 32) | (u[j] & MASK);
                if (q != null) {
                    q[j] = (int) Long.divideUnsigned(t, divisor);
                }
                rest = Long.remainderUnsigned(t, divisor);
            }
            r[0] = (int) rest;
            return;
        }
        // normalise so that the divisor's top limb has its top bit set
        int shift = Integer.numberOfLeadingZeros(v[n - 1]);
        int[] vn = new int[n];
        for (int i = n - 1; i > 0; i--) {
            vn[i] = (v[i] << shift) | (shift == 0 ? 0 : v[i - 1] >>> (32 - shift));
        }
        vn[0] = v[0] << shift;
        int[] un = new int[m + 1];
        un[m] = shift == 0 ? 0 : u[m - 1] >>> (32 - shift);
        for (int i = m - 1; i > 0; i--) {
            un[i] = (u[i] << shift) | (shift == 0 ? 0 : u[i - 1] >>> (32 - shift));
        }
        un[0] = u[0] << shift;

        long vTop = vn[n - 1] & MASK;
        long vNext = vn[n - 2] & MASK;
        for (int j = m - n; j >= 0; j--) {
            long numerator = ((un[j + n] & MASK) << 32) | (un[j + n - 1] & MASK);
            long qhat = Long.divideUnsigned(numerator, vTop);
            long rhat = Long.remainderUnsigned(numerator, vTop);
            while (qhat > MASK
                    || Long.compareUnsigned(qhat * vNext, (rhat << 32) | (un[j + n - 2] & MASK)) > 0) {
                qhat--;
                rhat += vTop;
                if (rhat > MASK) {
                    break;
                }
            }
            // multiply and subtract
            long borrow = 0;
            long t;
            for (int i = 0; i < n; i++) {
                long p = qhat * (vn[i] & MASK);
                t = (un[i + j] & MASK) - borrow - (p & MASK);
                un[i + j] = (int) t;
                borrow = (p >>> 32) - (t >> 32);
            }
            t = (un[j + n] & MASK) - borrow;
            un[j + n] = (int) t;
            if (t < 0) { // subtracted once too often: add back
                qhat--;
                long carry = 0;
                for (int i = 0; i < n; i++) {
                    t = (un[i + j] & MASK) + (vn[i] & MASK) + carry;
                    un[i + j] = (int) t;
                    carry = t >>> 32;
                }
                un[j + n] += (int) carry;
            }
            if (q != null) {
                q[j] = (int) qhat;
            }
        }
        for (int i = 0; i < n; i++) {
            r[i] = (un[i] >>> shift) | (shift == 0 ? 0 : un[i + 1] << (32 - shift));
        }
    }
}
