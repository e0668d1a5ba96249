package org.quorumee.core.types;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import org.quorumee.core.bytes.Hex;
import org.quorumee.core.crypto.Keccak;

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

    /**
     * Reads 40 hex digits, with or without "0x", checking the EIP-55 checksum when the letters are
     * of mixed case (all-lower and all-upper text carries no checksum and is accepted as is).
     *
     * @throws IllegalArgumentException on a bad length, a non-hex digit or a wrong checksum
     */
    public static Address fromChecksumHex(String hex) {
        Address address = fromHex(hex);
        String digits = hex.startsWith("0x") || hex.startsWith("0X") ? hex.substring(2) : hex;
        boolean hasLower = !digits.equals(digits.toUpperCase(Locale.ROOT));
        boolean hasUpper = !digits.equals(digits.toLowerCase(Locale.ROOT));
        if (hasLower && hasUpper && !address.toChecksumString().substring(2).equals(digits)) {
            throw new IllegalArgumentException("address " + hex + " has a wrong EIP-55 checksum");
        }
        return address;
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

    /**
     * EIP-55 mixed-case text with "0x": a letter is upper case when the matching nibble of
     * keccak256(lower-case hex digits) is 8 or more.
     */
    public String toChecksumString() {
        String lower = Hex.encodeNoPrefix(bytes);
        byte[] hash = Keccak.keccak256(lower.getBytes(StandardCharsets.US_ASCII));
        char[] out = new char[2 + lower.length()];
        out[0] = '0';
        out[1] = 'x';
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            int nibble = (hash[i / 2] >> (i % 2 == 0 ? 4 : 0)) & 0xf;
            out[2 + i] = c >= 'a' && nibble >= 8 ? Character.toUpperCase(c) : c;
        }
        return new String(out);
    }

    /** Lower-case hex with "0x". */
    @Override
    public String toString() {
        return Hex.encode(bytes);
    }
}
