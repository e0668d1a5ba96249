package org.quorumee.core.evm;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigInteger;
import java.nio.ByteOrder;
import org.quorumee.core.types.UInt256;

/**
 * 256-bit arithmetic in place on the operand stack: a word at index {@code i} of the long array is
 * s[i] (most significant limb) .. s[i+3] (least significant). Binary operations read the top word
 * at {@code a} and the next at {@code b} and write the result over {@code b}, as the EVM pops two
 * and pushes one. Hot operations use only longs; the rare ones fall back to BigInteger.
 */
final class Words {
    private static final BigInteger TWO_256 = BigInteger.ONE.shiftLeft(256);
    /** Eight bytes of a byte array as one big-endian long (one load, not eight). */
    private static final VarHandle BIG_ENDIAN_LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final BigInteger MAX_SIGNED = BigInteger.ONE.shiftLeft(255);

    private Words() {
    }

    static boolean isZero(long[] s, int i) {
        return (s[i] | s[i + 1] | s[i + 2] | s[i + 3]) == 0;
    }

    static void set(long[] s, int i, long value) {
        s[i] = 0;
        s[i + 1] = 0;
        s[i + 2] = 0;
        s[i + 3] = value;
    }

    /** The word as a non-negative long, or Long.MAX_VALUE when it does not fit (offsets, sizes). */
    static long clamp(long[] s, int i) {
        if ((s[i] | s[i + 1] | s[i + 2]) != 0 || s[i + 3] < 0) {
            return Long.MAX_VALUE;
        }
        return s[i + 3];
    }

    private static boolean ult(long x, long y) {
        return x + Long.MIN_VALUE < y + Long.MIN_VALUE;
    }

    static void add(long[] s, int a, int b) {
        long r3 = s[a + 3] + s[b + 3];
        long c = ult(r3, s[a + 3]) ? 1 : 0;
        long t = s[a + 2] + s[b + 2];
        long c2 = ult(t, s[a + 2]) ? 1 : 0;
        long r2 = t + c;
        c = c2 | (ult(r2, t) ? 1 : 0);
        t = s[a + 1] + s[b + 1];
        c2 = ult(t, s[a + 1]) ? 1 : 0;
        long r1 = t + c;
        c = c2 | (ult(r1, t) ? 1 : 0);
        s[b] = s[a] + s[b] + c;
        s[b + 1] = r1;
        s[b + 2] = r2;
        s[b + 3] = r3;
    }

    /** s[b] = s[a] - s[b]. */
    static void sub(long[] s, int a, int b) {
        long x = s[a + 3];
        long y = s[b + 3];
        long r3 = x - y;
        long borrow = ult(x, y) ? 1 : 0;
        x = s[a + 2];
        y = s[b + 2];
        long t = x - y;
        long b2 = ult(x, y) ? 1 : 0;
        long r2 = t - borrow;
        borrow = b2 | (ult(t, borrow) ? 1 : 0);
        x = s[a + 1];
        y = s[b + 1];
        t = x - y;
        b2 = ult(x, y) ? 1 : 0;
        long r1 = t - borrow;
        borrow = b2 | (ult(t, borrow) ? 1 : 0);
        s[b] = s[a] - s[b] - borrow;
        s[b + 1] = r1;
        s[b + 2] = r2;
        s[b + 3] = r3;
    }

    private static long mulHigh(long x, long y) {
        return Math.multiplyHigh(x, y) + ((x >> 63) & y) + ((y >> 63) & x);
    }

    static void mul(long[] s, int a, int b) {
        mul(s, a, s, b, s, b);
    }

    /** out[o] = x[a] * y[b] mod 2^256; the output may alias an input (all inputs are read first). */
    static void mul(long[] x, int a, long[] y, int b, long[] out, int o) {
        long a0 = x[a + 3], a1 = x[a + 2], a2 = x[a + 1], a3 = x[a];
        long b0 = y[b + 3], b1 = y[b + 2], b2 = y[b + 1], b3 = y[b];
        // row a0
        long r0 = a0 * b0;
        long c = mulHigh(a0, b0);
        long lo = a0 * b1;
        long r1 = lo + c;
        c = mulHigh(a0, b1) + (ult(r1, lo) ? 1 : 0);
        lo = a0 * b2;
        long r2 = lo + c;
        c = mulHigh(a0, b2) + (ult(r2, lo) ? 1 : 0);
        long r3 = a0 * b3 + c;
        // row a1
        lo = a1 * b0;
        long t = r1 + lo;
        c = mulHigh(a1, b0) + (ult(t, lo) ? 1 : 0);
        r1 = t;
        lo = a1 * b1;
        long u = lo + c;
        long k1 = ult(u, lo) ? 1 : 0;
        t = r2 + u;
        long k2 = ult(t, u) ? 1 : 0;
        c = mulHigh(a1, b1) + k1 + k2;
        r2 = t;
        r3 += a1 * b2 + c;
        // row a2
        lo = a2 * b0;
        t = r2 + lo;
        c = mulHigh(a2, b0) + (ult(t, lo) ? 1 : 0);
        r2 = t;
        r3 += a2 * b1 + c;
        // row a3
        r3 += a3 * b0;
        out[o] = r3;
        out[o + 1] = r2;
        out[o + 2] = r1;
        out[o + 3] = r0;
    }

    private static boolean fitsLong(long[] s, int i) {
        return (s[i] | s[i + 1] | s[i + 2]) == 0;
    }

    /** s[b] = s[a] / s[b], zero when dividing by zero. */
    static void div(long[] s, int a, int b) {
        if (isZero(s, b)) {
            return;
        }
        if (fitsLong(s, a) && fitsLong(s, b)) {
            s[b + 3] = Long.divideUnsigned(s[a + 3], s[b + 3]);
            return;
        }
        divMod(s, a, b, true);
    }

    static void mod(long[] s, int a, int b) {
        if (isZero(s, b)) {
            return;
        }
        if (fitsLong(s, a) && fitsLong(s, b)) {
            s[b + 3] = Long.remainderUnsigned(s[a + 3], s[b + 3]);
            return;
        }
        divMod(s, a, b, false);
    }

    /** The quotient or the remainder of s[a] / s[b] (s[b] not zero) over s[b]. */
    private static void divMod(long[] s, int a, int b, boolean quotient) {
        int[] u = toLimbs(s, a, 8);
        int[] v = toLimbs(s, b, 8);
        int m = LongDivision.length(u, 8);
        int n = LongDivision.length(v, 8);
        if (m < n) { // dividend below the divisor
            if (quotient) {
                set(s, b, 0);
            } else {
                System.arraycopy(s, a, s, b, 4);
            }
            return;
        }
        int[] q = new int[9];
        int[] r = new int[8];
        LongDivision.divide(u, m, v, n, q, r);
        fromLimbs(quotient ? q : r, s, b);
    }

    /** The word as eight 32-bit limbs, least significant first, in an array of {@code size}. */
    private static int[] toLimbs(long[] s, int i, int size) {
        int[] limbs = new int[size];
        for (int k = 0; k < 4; k++) {
            long v = s[i + 3 - k];
            limbs[2 * k] = (int) v;
            limbs[2 * k + 1] = (int) (v >>> 32);
        }
        return limbs;
    }

    /** The low eight 32-bit limbs as a word at s[i]. */
    private static void fromLimbs(int[] limbs, long[] s, int i) {
        for (int k = 0; k < 4; k++) {
            s[i + 3 - k] = (limbs[2 * k] & 0xffffffffL) | ((long) limbs[2 * k + 1] << 32);
        }
    }

    /** The remainder of the 16-limb number {@code u} by the word at s[c] (not zero), over s[c]. */
    private static void reduce(int[] u, long[] s, int c) {
        int[] v = toLimbs(s, c, 8);
        int m = LongDivision.length(u, u.length);
        int n = LongDivision.length(v, 8);
        if (m < n) {
            fromLimbs(java.util.Arrays.copyOf(u, 8), s, c);
            return;
        }
        int[] r = new int[8];
        LongDivision.divide(u, m, v, n, null, r);
        fromLimbs(r, s, c);
    }

    static void sdiv(long[] s, int a, int b) {
        if (isZero(s, b)) {
            return;
        }
        store(s, b, signed(get(s, a)).divide(signed(get(s, b))));
    }

    static void smod(long[] s, int a, int b) {
        if (isZero(s, b)) {
            return;
        }
        BigInteger x = signed(get(s, a));
        BigInteger y = signed(get(s, b)).abs();
        BigInteger r = x.abs().mod(y);
        store(s, b, x.signum() < 0 ? r.negate() : r);
    }

    /** Three operands: a (top), b, c; (a + b) mod c over c, the sum taken on 257 bits. */
    static void addmod(long[] s, int a, int b, int c) {
        if (isZero(s, c)) {
            return;
        }
        int[] x = toLimbs(s, a, 9);
        int[] y = toLimbs(s, b, 9);
        long carry = 0;
        for (int k = 0; k < 8; k++) {
            long t = (x[k] & 0xffffffffL) + (y[k] & 0xffffffffL) + carry;
            x[k] = (int) t;
            carry = t >>> 32;
        }
        x[8] = (int) carry;
        reduce(x, s, c);
    }

    /** (a * b) mod c over c, the product taken on 512 bits. */
    static void mulmod(long[] s, int a, int b, int c) {
        if (isZero(s, c)) {
            return;
        }
        int[] x = toLimbs(s, a, 8);
        int[] y = toLimbs(s, b, 8);
        int[] product = new int[16];
        for (int i = 0; i < 8; i++) {
            long carry = 0;
            long xi = x[i] & 0xffffffffL;
            if (xi == 0) {
                continue;
            }
            for (int j = 0; j < 8; j++) {
                long t = xi * (y[j] & 0xffffffffL) + (product[i + j] & 0xffffffffL) + carry;
                product[i + j] = (int) t;
                carry = t >>> 32;
            }
            product[i + 8] = (int) carry;
        }
        reduce(product, s, c);
    }

    /** s[b] = s[a] ^ s[b] mod 2^256, by square-and-multiply from the exponent's top bit. */
    static void exp(long[] s, int a, int b) {
        long[] w = {s[a], s[a + 1], s[a + 2], s[a + 3], 0, 0, 0, 1}; // base, result
        boolean started = false; // squaring 1 is pointless until the exponent's top bit
        for (int limb = 0; limb < 4; limb++) {
            long bits = s[b + limb];
            for (int bit = 63; bit >= 0; bit--) {
                boolean set = ((bits >>> bit) & 1) != 0;
                if (started) {
                    mul(w, 4, w, 4, w, 4);
                }
                if (set) {
                    mul(w, 4, w, 0, w, 4);
                    started = true;
                }
            }
        }
        System.arraycopy(w, 4, s, b, 4);
    }

    /** Number of significant bytes of the word (EXP's dynamic gas). */
    static int byteLength(long[] s, int i) {
        for (int limb = 0; limb < 4; limb++) {
            long v = s[i + limb];
            if (v != 0) {
                return (3 - limb) * 8 + (64 - Long.numberOfLeadingZeros(v) + 7) / 8;
            }
        }
        return 0;
    }

    /** SIGNEXTEND: extend the sign of byte s[a] (counted from the low end) of the word at b. */
    static void signExtend(long[] s, int a, int b) {
        if (!fitsLong(s, a) || Long.compareUnsigned(s[a + 3], 31) >= 0) {
            return;
        }
        int bit = (int) s[a + 3] * 8 + 7;
        int limb = 3 - bit / 64;
        int pos = bit % 64;
        boolean negative = ((s[b + limb] >>> pos) & 1) != 0;
        long mask = pos == 63 ? -1L : (1L << (pos + 1)) - 1;
        s[b + limb] = negative ? s[b + limb] | ~mask : s[b + limb] & mask;
        for (int l = limb - 1; l >= 0; l--) {
            s[b + l] = negative ? -1L : 0;
        }
    }

    static int compareUnsigned(long[] s, int a, int b) {
        for (int l = 0; l < 4; l++) {
            if (s[a + l] != s[b + l]) {
                return ult(s[a + l], s[b + l]) ? -1 : 1;
            }
        }
        return 0;
    }

    static int compareSigned(long[] s, int a, int b) {
        if (s[a] != s[b]) {
            return s[a] < s[b] ? -1 : 1;
        }
        return compareUnsigned(s, a, b);
    }

    /** BYTE: the i-th byte (0 = most significant) of the word at b, i at a. */
    static void byteOp(long[] s, int a, int b) {
        long result = 0;
        if (fitsLong(s, a) && Long.compareUnsigned(s[a + 3], 32) < 0) {
            int i = (int) s[a + 3];
            result = (s[b + i / 8] >>> (8 * (7 - i % 8))) & 0xff;
        }
        set(s, b, result);
    }

    /** SHL: the word at b shifted left by the word at a. */
    static void shl(long[] s, int a, int b) {
        if (!fitsLong(s, a) || Long.compareUnsigned(s[a + 3], 256) >= 0) {
            set(s, b, 0);
            return;
        }
        int shift = (int) s[a + 3];
        int limbs = shift / 64;
        int bits = shift % 64;
        for (int l = 0; l < 4; l++) {
            int src = l + limbs;
            long hi = src < 4 ? s[b + src] : 0;
            long lo = src + 1 < 4 ? s[b + src + 1] : 0;
            s[b + l] = bits == 0 ? hi : (hi << bits) | (lo >>> (64 - bits));
        }
    }

    /** SHR (logical) or SAR (arithmetic) of the word at b by the word at a. */
    static void shr(long[] s, int a, int b, boolean arithmetic) {
        long fill = arithmetic && s[b] < 0 ? -1L : 0;
        if (!fitsLong(s, a) || Long.compareUnsigned(s[a + 3], 256) >= 0) {
            s[b] = fill;
            s[b + 1] = fill;
            s[b + 2] = fill;
            s[b + 3] = fill;
            return;
        }
        int shift = (int) s[a + 3];
        int limbs = shift / 64;
        int bits = shift % 64;
        for (int l = 3; l >= 0; l--) {
            int src = l - limbs;
            long lo = src >= 0 ? s[b + src] : fill;
            long hi = src - 1 >= 0 ? s[b + src - 1] : fill;
            s[b + l] = bits == 0 ? lo : (lo >>> bits) | (hi << (64 - bits));
        }
    }

    static BigInteger get(long[] s, int i) {
        byte[] bytes = new byte[33];
        for (int l = 0; l < 4; l++) {
            UInt256.putLong(bytes, 1 + 8 * l, s[i + l]);
        }
        return new BigInteger(bytes);
    }

    /** Stores the value modulo 2^256 (negative values in two's complement). */
    static void store(long[] s, int i, BigInteger value) {
        s[i + 3] = value.longValue();
        s[i + 2] = value.shiftRight(64).longValue();
        s[i + 1] = value.shiftRight(128).longValue();
        s[i] = value.shiftRight(192).longValue();
    }

    private static BigInteger signed(BigInteger unsigned) {
        return unsigned.compareTo(MAX_SIGNED) >= 0 ? unsigned.subtract(TWO_256) : unsigned;
    }

    // ---- conversions between stack words and bytes ----

    /** Pushes up to 32 big-endian bytes from {@code src[off..off+len)} (zero-padded beyond src). */
    static void fromBytes(long[] s, int i, byte[] src, int off, int len) {
        if (off + len <= src.length) { // the common case (MLOAD, PUSH inside the code): whole limbs at once
            int end = off + len;
            for (int limb = 3; limb >= 0; limb--) {
                int start = end - 8;
                if (start >= off) {
                    s[i + limb] = (long) BIG_ENDIAN_LONG.get(src, start);
                } else {
                    long v = 0; // the top limb's few bytes, then nothing
                    for (int p = off; p < end; p++) {
                        v = (v << 8) | (src[p] & 0xffL);
                    }
                    s[i + limb] = v;
                    start = off;
                }
                end = start;
            }
            return;
        }
        s[i] = 0;
        s[i + 1] = 0;
        s[i + 2] = 0;
        s[i + 3] = 0;
        for (int k = 0; k < len; k++) {
            int p = off + k;
            long v = p < src.length ? src[p] & 0xffL : 0;
            int bytePos = len - 1 - k; // from the low end
            s[i + 3 - bytePos / 8] |= v << (8 * (bytePos % 8));
        }
    }

    /** Writes the word as 32 big-endian bytes at {@code out[off]}. */
    static void toBytes(long[] s, int i, byte[] out, int off) {
        UInt256.putLong(out, off, s[i]);
        UInt256.putLong(out, off + 8, s[i + 1]);
        UInt256.putLong(out, off + 16, s[i + 2]);
        UInt256.putLong(out, off + 24, s[i + 3]);
    }

    static UInt256 toUInt256(long[] s, int i) {
        return new UInt256(s[i], s[i + 1], s[i + 2], s[i + 3]);
    }

    static void fromUInt256(long[] s, int i, UInt256 v) {
        s[i] = v.u3;
        s[i + 1] = v.u2;
        s[i + 2] = v.u1;
        s[i + 3] = v.u0;
    }

    static void fromBigInteger(long[] s, int i, BigInteger v) {
        store(s, i, v);
    }
}
