package org.quorumee.core.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.quorumee.core.bytes.Hex;
import org.quorumee.core.types.Address;

/**
 * EIP-55 mixed-case address text. Here rather than in {@link Address}, which needs no hashing: the
 * value types sit below the crypto package, never beside it.
 */
public final class Eip55 {
    private Eip55() {
    }

    /**
     * Mixed-case text with "0x": a letter is upper case when the matching nibble of
     * keccak256(lower-case hex digits) is 8 or more.
     */
    public static String toChecksumString(Address address) {
        String lower = Hex.encodeNoPrefix(address.toArray());
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

    /**
     * Reads 40 hex digits, with or without "0x", checking the checksum when the letters are of mixed
     * case (all-lower and all-upper text carries no checksum and is accepted as is).
     *
     * @throws IllegalArgumentException on a bad length, a non-hex digit or a wrong checksum
     */
    public static Address fromChecksumHex(String hex) {
        Address address = Address.fromHex(hex);
        String digits = hex.startsWith("0x") || hex.startsWith("0X") ? hex.substring(2) : hex;
        boolean hasLower = !digits.equals(digits.toUpperCase(Locale.ROOT));
        boolean hasUpper = !digits.equals(digits.toLowerCase(Locale.ROOT));
        if (hasLower && hasUpper && !toChecksumString(address).substring(2).equals(digits)) {
            throw new IllegalArgumentException("address " + hex + " has a wrong EIP-55 checksum");
        }
        return address;
    }
}
