package org.quorumee.core.types;

import java.util.Arrays;
import org.quorumee.core.bytes.Hex;

/** A 20-byte account address. Immutable; equal by value. */
public final class Address implements Comparable<Address> {
    public static final int SIZE = 20;
    public static final Address ZERO = new Address(new byte[SIZE]);

    private final byte[] bytes;
    private final int hash;

    private Address(byte[] bytes) {
        this.bytes = bytes;
        this.hash = Arrays.hashCode(bytes);
    }

    /** The address of exactly 20 bytes (copied). */
    public static Address wrap(byte[] bytes) {
        if (bytes.length != SIZE) {
            throw new IllegalArgumentException("an address is 20 bytes, not " + bytes.length);
        }
        return new Address(bytes.clone());
    }

    /** Reads 40 hex digits, with or without "0x", in any letter case (no checksum check). */
    public static Address fromHex(String hex) {
        return wrap(Hex.decode(hex));
    }

    /** The address whose last 8 bytes are {@code value} (precompiles: 0x01, 0x02, ...). */
    public static Address ofLong(long value) {
        byte[] bytes = new byte[SIZE];
        for (int i = SIZE - 1; i >= SIZE - 8; i--) {
            bytes[i] = (byte) value;
            value >>>= 8;
        }
        return new Address(bytes);
    }

    /** A copy of the 20 bytes. */
    public byte[] toArray() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Address other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public int compareTo(Address other) {
        return Arrays.compareUnsigned(bytes, other.bytes);
    }

    /** Lower-case hex with "0x". */
    @Override
    public String toString() {
        return Hex.encode(bytes);
    }
}
