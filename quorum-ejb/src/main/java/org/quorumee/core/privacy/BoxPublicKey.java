package org.quorumee.core.privacy;

import java.util.Arrays;
import java.util.Base64;

/**
 * A party's Curve25519 public key (32 bytes), as NaCl's {@code crypto_box} uses it: what names a
 * sender or recipient of a private transaction ("privateFor" keys, Tessera's public keys). Written
 * as standard base64 (44 characters) everywhere outside the node.
 */
public final class BoxPublicKey implements Comparable<BoxPublicKey> {
    /** Length of a key, in bytes. */
    public static final int LENGTH = 32;

    private final byte[] bytes;

    private BoxPublicKey(byte[] bytes) {
        this.bytes = bytes;
    }

    /** The key of these 32 bytes. */
    public static BoxPublicKey of(byte[] bytes) {
        if (bytes == null || bytes.length != LENGTH) {
            throw new IllegalArgumentException("a public key is " + LENGTH + " bytes, found "
                    + (bytes == null ? "none" : bytes.length));
        }
        return new BoxPublicKey(bytes.clone());
    }

    /**
     * The key written in standard base64.
     *
     * @throws IllegalArgumentException if the text is not base64 of 32 bytes
     */
    public static BoxPublicKey fromBase64(String text) {
        if (text == null) {
            throw new IllegalArgumentException("a public key is required");
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(text.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a base64 public key: '" + text + "'");
        }
        if (decoded.length != LENGTH) {
            throw new IllegalArgumentException("a public key is " + LENGTH + " bytes, '" + text + "' has " + decoded.length);
        }
        return new BoxPublicKey(decoded);
    }

    /** A copy of the 32 bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    public String toBase64() {
        return Base64.getEncoder().encodeToString(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BoxPublicKey other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** Unsigned lexicographic order of the bytes (a stable order for sets of keys). */
    @Override
    public int compareTo(BoxPublicKey o) {
        return Arrays.compareUnsigned(bytes, o.bytes);
    }

    @Override
    public String toString() {
        return toBase64();
    }
}
