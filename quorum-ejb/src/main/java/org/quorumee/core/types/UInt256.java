package org.quorumee.core.types;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigInteger;
import java.nio.ByteOrder;

/**
 * An immutable unsigned 256-bit value of four longs, most significant first. Used where a word must
 * outlive the operand stack: storage keys and values, transient storage, access-list slots.
 */
public final class UInt256 implements Comparable<UInt256> {
    /** Eight bytes of a byte array as one big-endian long (one store, not eight). */
    private static final VarHandle BIG_ENDIAN_LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    public static final UInt256 ZERO = new UInt256(0, 0, 0, 0);
    private static final BigInteger TWO_256 = BigInteger.ONE.shiftLeft(256);

    public final long u3;
    public final long u2;
    public final long u1;
    public final long u0;

    public UInt256(long u3, long u2, long u1, long u0) {
        this.u3 = u3;
        this.u2 = u2;
        this.u1 = u1;
        this.u0 = u0;
    }

    public static UInt256 of(long value) {
        return value == 0 ? ZERO : new UInt256(0, 0, 0, value);
    }

    /** Big-endian bytes, at most 32 (shorter input is left-padded with zeros). */
    public static UInt256 fromBytes(byte[] bytes) {
        if (bytes.length > 32) {
            throw new IllegalArgumentException("a 256-bit word has at most 32 bytes, not " + bytes.length);
        }
        if (bytes.length == 32) { // the usual case (storage keys and values): four loads
            return new UInt256((long) BIG_ENDIAN_LONG.get(bytes, 0), (long) BIG_ENDIAN_LONG.get(bytes, 8),
                    (long) BIG_ENDIAN_LONG.get(bytes, 16), (long) BIG_ENDIAN_LONG.get(bytes, 24));
        }
        long[] limbs = new long[4];
        for (int i = 0; i < bytes.length; i++) {
            int bytePos = bytes.length - 1 - i; // 0 = least significant byte
            limbs[3 - bytePos / 8] |= (bytes[i] & 0xffL) << (8 * (bytePos % 8));
        }
        return new UInt256(limbs[0], limbs[1], limbs[2], limbs[3]);
    }

    /** A value in [0, 2^256); larger or negative values are rejected. */
    public static UInt256 fromBigInteger(BigInteger value) {
        if (value.signum() < 0 || value.bitLength() > 256) {
            throw new IllegalArgumentException("not a 256-bit unsigned value: " + value);
        }
        return new UInt256(value.shiftRight(192).longValue(), value.shiftRight(128).longValue(),
                value.shiftRight(64).longValue(), value.longValue());
    }

    public boolean isZero() {
        return (u3 | u2 | u1 | u0) == 0;
    }

    /** The 32 big-endian bytes. */
    public byte[] toBytes() {
        byte[] out = new byte[32];
        putLong(out, 0, u3);
        putLong(out, 8, u2);
        putLong(out, 16, u1);
        putLong(out, 24, u0);
        return out;
    }

    /** The big-endian bytes without leading zeros (empty for zero), as RLP stores scalars. */
    public byte[] toMinimalBytes() {
        byte[] full = toBytes();
        int start = 0;
        while (start < 32 && full[start] == 0) {
            start++;
        }
        byte[] out = new byte[32 - start];
        System.arraycopy(full, start, out, 0, out.length);
        return out;
    }

    public BigInteger toBigInteger() {
        BigInteger value = new BigInteger(1, toBytes());
        return value.signum() < 0 ? value.add(TWO_256) : value;
    }

    /** Writes {@code value} as 8 big-endian bytes at {@code out[pos]}. */
    public static void putLong(byte[] out, int pos, long value) {
        BIG_ENDIAN_LONG.set(out, pos, value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UInt256 other && u0 == other.u0 && u1 == other.u1 && u2 == other.u2 && u3 == other.u3;
    }

    @Override
    public int hashCode() {
        long h = u0 * 31 + u1;
        h = h * 31 + u2;
        h = h * 31 + u3;
        return (int) (h ^ (h >>> 32));
    }

    @Override
    public int compareTo(UInt256 o) {
        int c = Long.compareUnsigned(u3, o.u3);
        if (c == 0) {
            c = Long.compareUnsigned(u2, o.u2);
        }
        if (c == 0) {
            c = Long.compareUnsigned(u1, o.u1);
        }
        if (c == 0) {
            c = Long.compareUnsigned(u0, o.u0);
        }
        return c;
    }

    @Override
    public String toString() {
        return "0x" + toBigInteger().toString(16);
    }
}
